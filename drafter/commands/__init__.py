"""One module per subcommand; drafter.cli imports each only when it runs."""
