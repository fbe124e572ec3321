"""Pure text tools for resolutions: splitting pasted text, laying out the UN format, diffs."""
