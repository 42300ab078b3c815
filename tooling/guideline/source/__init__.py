"""Reading source files: bytes to text, front matter, YAML with positions."""
