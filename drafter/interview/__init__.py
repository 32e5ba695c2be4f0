"""The interview behind `drafter draft` (issue 4).

- session.py: what to ask next and what to save (pure logic, no terminal)
- prompts.py: the questions on screen (the only module in drafter that imports questionary)
- flow.py: the interview from start to review, saving after every answer
- questionlist.py: correcting an imported question list (edit, merge, split, drop)
"""
