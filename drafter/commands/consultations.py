from drafter.commands._stub import not_yet

consultations = not_yet("consultations", 6)
