from drafter.commands._stub import not_yet

render = not_yet("render", 2)
