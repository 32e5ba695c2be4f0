from drafter.commands._stub import not_yet

draft = not_yet("draft", 4)
