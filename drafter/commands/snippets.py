from drafter.commands._stub import not_yet

snippets = not_yet("snippets", 3)
