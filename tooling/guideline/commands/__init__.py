"""One module per CLI command: `add_arguments(parser)` and `run(args) -> int`.

Commands parse arguments, call the library and print; the library raises
`guideline.errors` exceptions, which `cli.main` reports with their exit code.
"""
