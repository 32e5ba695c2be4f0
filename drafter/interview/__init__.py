"""The interview behind `drafter draft`.

- session.py: what to ask next and what to save (pure logic, no terminal)
- prompts.py: the questions on screen (with library/form.py, the only modules that import
  questionary)
- flow.py: the interview from start to review, saving after every answer
- questionlist.py: correcting an imported question list (edit, merge, split, drop)
- fitting.py: fitting a precision suggestion into the respondent's sentence
- editor.py: which editor Ctrl-E opens; lock.py: one interview per answers file
"""
