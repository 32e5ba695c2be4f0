from drafter.commands._stub import not_yet

lint = not_yet("lint", 5)
