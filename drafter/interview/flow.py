"""The interview from start to finish: connects the session (what to ask, what to save) to the
prompts (how to ask). Saves after every answer; Ctrl-C, SIGTERM and SIGHUP save and exit 130.
"""

from __future__ import annotations

import contextlib
import copy
import signal
from dataclasses import dataclass
from pathlib import Path

from drafter.answers import Answer, KeptFinding, Part, Pin, PinnedText, Respondent, reference
from drafter.consultation import (
    QUESTION_KINDS,
    Consultation,
    bundled_consultations,
    load_consultation,
)
from drafter.errors import EXIT_INTERRUPTED, DrafterError, InputError
from drafter.interview import prompts
from drafter.interview import questionlist as ql
from drafter.interview.lock import AnswersLock
from drafter.interview.session import (
    AnswersChanged,
    Session,
    default_answers_path,
    default_output_path,
    findings_to_ask,
    line_and_column,
    previously_kept,
)
from drafter.model import to_data

# consultation documents the importer reads (anything else is a question-set YAML file or an id)
FORM_SUFFIXES = {".docx", ".md", ".txt", ".pdf"}


@dataclass
class Options:
    consultation: str | None = None
    answers: Path | None = None
    resume: bool = False
    ask: str | None = None
    output: Path | None = None
    # extra library folders (`--library`), after the bundled library and the configured ones
    library_dirs: tuple[Path, ...] = ()


class Later(Exception):
    """The respondent chose to leave the current question for later."""


@dataclass
class Quoting:
    """The vetted texts quoted in the answer being given, and the text its typed words were
    adapted from: kept beside the typed text while the prompts work on that."""

    parts: list[Part]
    adapted_from: Pin | None = None


class Interview:
    def __init__(self, options: Options):
        self.options = options
        self.session: Session | None = None
        self._library = None
        self._ranking = None
        self.quoting: Quoting | None = None
        # the answer being given (number, answer so far): saved if the interview is interrupted
        self.pending: tuple[str, Answer] | None = None
        self.lock: AnswersLock | None = None  # one interview per answers file

    # -- start ------------------------------------------------------------------------------

    def run(self) -> int:
        with _signals_interrupt():
            try:
                return self._run()
            except (KeyboardInterrupt, EOFError) as exc:  # Ctrl-C, SIGTERM, or input closed
                return self._interrupted(exc)
            finally:
                if self.lock is not None:
                    self.lock.release()

    @property
    def library(self):
        """The library, loaded at the first question rather than before the first
        prompt (loading it in a thread was tried: it slowed the first prompt down more)."""
        if self._library is None:
            from drafter import library as library_module
            from drafter.library.validate import library_warnings

            dirs = library_module.resolve_library_dirs(self.options.library_dirs)
            library = library_module.load_library(dirs)
            # a library the check cannot use stops the interview now, not at the final render
            for warning in library_warnings(library):
                prompts.say(f"Warning: {warning}", "muted")
            self._library = library
        return self._library

    @property
    def ranking(self):
        """The BM25 index of the library's vetted passages and positions, built at the first
        question that takes text; None if the library has none to offer."""
        if self._ranking is None:
            from drafter.reuse.rank import Ranking

            try:
                self._ranking = Ranking(self.library)
            except InputError:
                self._ranking = False
        return self._ranking or None

    def _run(self) -> int:
        from drafter.library.loader import check_library_dirs, resolve_library_dirs

        check_library_dirs(resolve_library_dirs(self.options.library_dirs))
        consultation, consultation_file = self._choose_consultation()
        path = self.options.answers or default_answers_path(consultation.id)
        self.lock = AnswersLock.acquire(path)
        self.session = session = Session.open(
            consultation, path, consultation_file=consultation_file
        )
        if consultation_file is not None and not session.existed:
            session.save()  # the answers must point at the confirmed question list from now on
        ask = session.resolve_numbers(self.options.ask) if self.options.ask else None
        if self.options.resume and not session.existed:
            raise InputError(
                "there are no answers to resume here; leave out --resume to start", path=path
            )

        prompts.say(consultation.title, "heading")
        if consultation.deadline:
            prompts.say(f"Deadline: {_long_date(consultation.deadline)}", "muted")
        for notice in session.notices:
            prompts.say(notice, "warning")
        prompts.say(f"Your answers are saved to {session.path} after every answer.")
        prompts.say("Press Ctrl-C at any time to stop; what you have typed is kept.", "muted")
        complete = session.complete and not self.options.resume and not ask
        if complete:
            prompts.say("Every question is answered: on to the review, where you can change any.")
        elif session.existed and not self.options.resume and not ask:
            prompts.say("Your earlier answers are offered as defaults: press Enter to keep one.")

        if not ask and not complete and (not self.options.resume or session.needs_respondent()):
            self._ask_respondent()
        resume_at = None
        if self.options.resume:
            from drafter.userconfig import resume_point

            resume_at = resume_point(session.path)
        for number in session.queue(resume=self.options.resume, ask=ask, resume_at=resume_at):
            self.answer_question(number)
        self._forget_resume_point()
        return self._review()

    def _choose_consultation(self) -> tuple[Consultation, Path | None]:
        """The consultation and, when it is not a bundled one, the file the answers point to."""
        from drafter.answers import load_answers
        from drafter.consultation import find_consultation

        ref = self.options.consultation
        answers_path = self.options.answers
        if ref is None and answers_path is not None and answers_path.is_file():
            with contextlib.suppress(DrafterError):
                existing = load_answers(answers_path)
                if existing.consultation_file:
                    ref = str(answers_path.parent / existing.consultation_file)
                elif existing.consultation in bundled_consultations():
                    ref = existing.consultation
        if ref is None:
            ref = self._pick_consultation()
        path = Path(ref)
        if path.suffix.lower() in FORM_SUFFIXES:
            return self._import_form(path)
        found = find_consultation(ref)
        consultation = load_consultation(found)
        is_bundled = found in bundled_consultations().values()
        return consultation, None if is_bundled else found

    def _pick_consultation(self) -> str:
        choices = []
        for cid, file in bundled_consultations().items():
            consultation = load_consultation(file)
            deadline = consultation.deadline
            when = f" — deadline {_long_date(deadline)}" if deadline else ""
            title = _short(consultation.title, max(20, prompts.width() - len(when) - 6))
            choices.append((f"{title}{when}", cid))
        choices += [None, ("A consultation file on this computer…", "\x00file")]
        picked = prompts.choose("Which consultation are you answering?", choices)
        if picked != "\x00file":
            return picked
        return prompts.line(
            "Path to the consultation (.yaml, or its own .docx, .md or .txt)", required=True
        )

    def _import_form(self, form: Path) -> tuple[Consultation, Path]:
        """Read the questions from the consultation's own document, then let the user fix them."""
        from drafter.importer import import_consultation

        if not form.is_file():
            raise InputError("consultation document not found", path=form)
        consultation = confirm_questions(import_consultation(form))
        answers_path = self.options.answers or default_answers_path(consultation.id)
        self.options.answers = answers_path
        target = answers_path.with_name(answers_path.stem + ".questions.yaml")
        if _holds_other_questions(target, consultation) and not prompts.confirm(
            f"{target} already holds a question list, perhaps edited by hand. "
            "Replace it with the questions you just confirmed?",
            default=False,
        ):
            prompts.say(f"Kept {target}; answering its questions.", "muted")
            return load_consultation(target), target
        target.parent.mkdir(parents=True, exist_ok=True)
        ql.save_consultation(consultation, target)
        prompts.say(f"The confirmed questions are saved to {target}.", "muted")
        return consultation, target

    # -- respondent -------------------------------------------------------------------------

    def _ask_respondent(self) -> None:
        from drafter.userconfig import load_user_defaults, save_user_defaults

        session = self.session
        known = session.answers.respondent
        # a block stopped half way offers what was given; a new file, last time's details
        defaults = to_data(known) if not session.needs_respondent() or known.draft else {}
        if known.draft or session.needs_respondent():
            defaults = {**load_user_defaults(), **{k: v for k, v in defaults.items() if v}}
        get = defaults.get
        given: dict = {}

        def keep(**fields) -> None:
            """Save each detail as it is given: a kill at the next prompt loses nothing."""
            given.update(fields)
            session.answers.respondent = Respondent(**given, draft=True)
            self._save()

        prompts.say()
        prompts.rule()
        prompts.say("About you", "heading")
        prompts.say("These details go on the cover of the response.", "muted")
        responding_as = prompts.choose(
            "Are you responding for an organisation or as an individual?",
            [("For an organisation", "organisation"), ("As an individual", "individual")],
            default=get("responding_as") or "organisation",
        )
        keep(responding_as=responding_as)
        for_org = responding_as == "organisation"
        name = prompts.line(
            "Your name" + ("" if not for_org else " (the contact for this response)"),
            get("name", ""),
            required=not for_org,
        )
        keep(name=name)
        organisation = ""
        if for_org:
            organisation = prompts.line("Organisation", get("organisation", ""), required=True)
            keep(organisation=organisation)
        keep(role=prompts.line("Your role (optional)", get("role", "")))
        keep(email=prompts.line("Email for replies (optional)", get("email", "")))
        keep(address=prompts.line("Postal address (optional)", get("address", "")))
        consent = prompts.choose(
            "May the consulting body publish your response?",
            [
                (
                    "Yes, with " + ("the organisation's" if for_org else "my") + " name",
                    "publish-with-name",
                ),
                ("Yes, but anonymously (without names)", "publish-anonymously"),
                ("No, please do not publish it", "do-not-publish"),
            ],
            default=get("consent") or "publish-with-name",
        )
        reason = ""
        if consent == "do-not-publish":
            reason = prompts.line(
                "Please say why it should not be published (consultations ask for a reason)",
                known.confidentiality_reason,
                required=True,
            )
        respondent = Respondent(**given, consent=consent, confidentiality_reason=reason)
        session.answers.respondent = respondent
        self._save()
        save_user_defaults(to_data(respondent))

    # -- one question -------------------------------------------------------------------------

    def answer_question(self, number: str) -> None:
        session = self.session
        _ = self.library  # a broken library stops us here, before anything is typed
        question = session.question(number)
        before = session.default_answer(number)
        answer = copy.deepcopy(before)
        answer.response = before.typed  # the prompts edit the typed words; quotes kept aside
        adapted = next((p.adapted_from for p in before.parts() if p.adapted_from), None)
        self.quoting = Quoting([p for p in before.parts() if p.is_reference], adapted)
        self.pending = (number, answer)
        self._remember_resume_point(number)
        prompts.show_question(
            number,
            session.ordinal(number),
            len(session.numbers),
            question.section,
            question.text,
            question.guidance,
        )
        try:
            if question.stances:
                default = prompts.NO_RESPONSE if before.no_response else before.stance
                picked = prompts.stance(question.stances, default, takes_text=question.takes_text)
                if picked == prompts.LATER:
                    raise Later
                if picked == prompts.NO_RESPONSE:
                    self._record(number, Answer(no_response=True, key_point="", define=[]))
                    return
                answer.stance = picked
                answer.no_response = False
                self._keep_draft(number, answer)
            if question.takes_text:
                adapt = self._offer_library(question, answer)
                if not self._response(question, before, answer, adapt):
                    self._record(number, Answer(no_response=True))
                    return
            else:
                answer.response = ""
            self._keep_draft(number, answer)
            try:
                answer.key_point = prompts.key_point(answer.key_point)
            except prompts.TypingInterrupted as exc:  # kept with the unfinished answer
                answer.key_point = exc.text.strip()
                raise
            self._keep_draft(number, answer)
            answer.define = self._glossary(before, self._combined(answer))
        except Later:
            self.pending = None
            prompts.say("Left for later. It stays unanswered until you come back to it.", "muted")
            return
        self._record(number, answer)

    def _keep_draft(self, number: str, answer: Answer) -> None:
        """Save the question as it stands, marked as a draft, after each of its prompts, so a
        kill at the next prompt loses nothing given so far (the last finished answer of the
        question is kept until this one is finished, if nothing has been typed yet)."""
        if not _has_content(answer):
            return
        draft = copy.deepcopy(self._combined(answer))
        draft.draft = True
        self.session.answers.answers[number] = draft
        self._save()

    def _record(self, number: str, answer: Answer) -> None:
        answer = self._combined(answer)
        self.quoting = None
        answer.draft = False
        self.session.answers.answers[number] = answer
        self._note_library()  # before the save, so the file names the entries it asks for
        self._save()
        self.pending = None

    def _save(self) -> None:
        """Save now; if the file cannot be written any more (folder gone, disk full), say so
        and ask where else to save, so the answer just given is never lost."""
        session = self.session
        while True:
            try:
                session.save()
                return
            except AnswersChanged:
                raise  # someone else wrote the file: stop, keeping theirs and ours
            except DrafterError as exc:
                prompts.say(f"Could not save your answers: {exc.format()}", "warning")
                where = prompts.line(
                    "Where should they be saved instead? (a file path)",
                    str(Path.home() / session.path.name),
                    required=True,
                )
            target = Path(where).expanduser()
            try:
                Session.check_new_home(target)
            except DrafterError as exc:
                prompts.say(exc.format(), "warning")
                continue
            session.path = target
            session.on_disk = None  # a new file: nothing there yet to compare with

    def _response(self, question, before: Answer, answer: Answer, adapt: str | None = None) -> bool:
        """Ask for the response text and run the precision check; False means "no response".
        `adapt` is a vetted text to start from (it becomes the respondent's own words)."""
        from drafter.textclean import clean_text

        text = answer.response if not before.no_response else ""
        if adapt:
            text = "\n\n".join(t for t in (text, adapt) if t.strip())
        while True:
            try:
                typed = prompts.response_text(text)
            except prompts.TypingInterrupted as exc:
                answer.response = clean_text(exc.text)[0].strip()
                raise
            text, removed = clean_text(typed)
            text = text.strip()
            if removed:
                prompts.say(f"(Removed {removed} invisible control character(s).)", "muted")
            if not text:
                if question.stances or (self.quoting and self.quoting.parts):  # optional
                    answer.response, answer.kept_findings = "", []
                    return True
                choice = prompts.empty_response()
                if choice == prompts.WRITE:
                    continue
                if choice == prompts.LATER:
                    raise Later
                return False
            answer.response = text
            self._keep_draft(question.number, answer)  # the response, the moment it is given
            settled = self._settle_findings(question.number, text, before, answer)
            if settled is None:  # chose to edit: back to the text, then re-check
                text = answer.response
                continue
            return True

    def _settle_findings(
        self, number: str, text: str, before: Answer, answer: Answer
    ) -> str | None:
        """Ask about each finding, one at a time, checking the text again after every change
        so each finding is shown where it now stands; returns the final text, None to edit.

        Every finding ends applied or recorded as kept: the kept ones are those still found
        in the final text.
        """
        from drafter.interview.fitting import apply_fitted, fitted_replacement, marked
        from drafter.precision import check_text

        kept: list[KeptFinding] = []
        applied: set[tuple[str, int, str]] = set()  # a fix the check flags again is not re-asked
        asked = 0
        while True:
            found_now = findings_to_ask(check_text(text, self.library))
            open_findings = [
                f for f in found_now if not any(k.covers(f.rule, f.text) for k in kept)
            ]
            if not open_findings:
                break
            found = open_findings[0]
            new = fitted_replacement(text, found)
            if new is not None and (found.rule, found.start, new) in applied:
                new = None  # offered as advice: applying it again would change nothing
            asked += 1
            line, column = line_and_column(text, found.start)
            view = prompts.FindingView(
                where=f"line {line}, column {column}",
                text=found.text,
                message=found.message,
                replacement=new,
                advice=None if new else found.suggestion,
                severity=found.severity,
            )
            decision = prompts.finding(
                view, asked, asked - 1 + len(open_findings),
                kept_before=previously_kept(before, found),
            )  # fmt: skip
            if decision == "edit":
                return None
            if decision == "accept" and new is not None:
                applied.add((found.rule, found.start, new))
                text, start, end = apply_fitted(text, found, new)
                prompts.say(f"Now reads: {marked(text, start, end)}", "good")
            else:
                kept.append(KeptFinding(rule=found.rule, text=found.text, note=found.message))
            # what a stop at the next finding keeps: the text with the choices made so far
            answer.response, answer.kept_findings = text, list(kept)
            self._keep_draft(number, answer)
        answer.kept_findings = [k for k in kept if any(k.covers(f.rule, f.text) for f in found_now)]
        answer.response = text
        return text

    # -- vetted texts from the library ---------------------------------------------------------

    def _combined(self, answer: Answer) -> Answer:
        """The answer with the quoted texts before the typed words (which carry where they
        were adapted from), as it is saved; unchanged for "no response"."""
        quoting = self.quoting
        if quoting is None or answer.no_response or not isinstance(answer.response, str):
            return answer
        if not quoting.parts and quoting.adapted_from is None:
            return answer
        out = copy.deepcopy(answer)
        adapted = quoting.adapted_from if answer.response.strip() else None
        out.set_parts([*quoting.parts, Part(text=answer.response, adapted_from=adapted)])
        return out

    def _offer_library(self, question, answer: Answer) -> str | None:
        """Offer the passages and positions that fit the question (and a search for any
        other): each can be previewed, inserted as it is, or inserted to adapt. Returns the
        text to adapt, or None to go on to the respondent's own words."""
        ranking, quoting = self.ranking, self.quoting
        if ranking is None or quoting is None:
            return None
        asked = " ".join(t for t in (question.text, question.guidance) if t)
        while True:
            quoted = {p.pin.id: p for p in quoting.parts if p.pin}
            offers = ranking.offers(asked, exclude=quoted)
            quoted_views = [_quoted_view(p) for p in quoting.parts]
            picked = prompts.library_offers([_offer_view(o) for o in offers], quoted_views)
            if not picked or picked == prompts.OWN_WORDS:  # Enter on the default
                return None
            if picked.startswith(prompts.REMOVE):
                gone = picked[len(prompts.REMOVE) :]
                quoting.parts = [p for p in quoting.parts if not p.pin or p.pin.id != gone]
                self._keep_draft(question.number, answer)
                continue
            if picked == prompts.SEARCH:
                every = [_offer_view(o) for o in ranking.search("") if o.id not in quoted]
                picked = prompts.search_library(every)
                if picked is None:
                    continue
            try:
                offer = ranking.offer(picked, asked)
            except KeyError:  # nothing picked
                continue
            view = _offer_view(offer)
            action = prompts.offer_action(view)
            while action == "preview":
                prompts.preview(view)
                action = prompts.offer_action(view)
            pin = Pin(**{offer.kind: offer.id}, version=offer.version)
            if action == "insert":
                quoting.parts.append(reference(pin, offer.text))
                self._keep_draft(question.number, answer)  # saved the moment it is chosen
                prompts.say(f"Quoted {pin.label}: it prints as the library's text.", "good")
                self._library_defects(pin, offer.text)
            elif action == "adapt":
                quoting.adapted_from = pin
                prompts.say(f"Adapting {pin.label}: edit it below; it becomes your words.")
                return offer.text

    def _library_defects(self, pin: Pin, text: str) -> None:
        """Precision findings in a vetted text are the library's to fix, never the
        respondent's: shown once, as a defect to report, and not asked about."""
        from drafter.precision import check_text

        for found in findings_to_ask(check_text(text, self.library)):
            prompts.say(
                f"Library defect in {pin.label}: “{found.text}”: {found.message} "
                "(tell the library's maintainers; it is not yours to fix here)",
                "warning",
            )

    def _glossary(self, before: Answer, answer: Answer) -> list[str]:
        """Library terms to define for this answer: those it mentions now, and any looked up.

        Worked out again from the text as it now reads: a term ticked because the earlier
        text used it is dropped once the text no longer does; a term looked up stays."""
        from drafter.precision import concepts_used

        concepts = self.library.concepts if self.library else {}
        if not concepts:
            return list(answer.define)
        used_before = (
            set(concepts_used(before.text, self.library)) if before.text.strip() else set()
        )
        mentioned = [i for i in concepts_used(answer.text, self.library) if i in concepts]
        looked_up = [i for i in answer.define if i not in used_before or i in mentioned]
        if not answer.text.strip():
            return looked_up
        shown = mentioned + [i for i in looked_up if i in concepts and i not in mentioned]
        if not shown:  # nothing to define: no extra step (a list of one item invites typing)
            return []
        chosen = set(looked_up) | set(mentioned)
        while True:
            views = [_term_view(concepts[i]) for i in shown]
            picked, look_up = prompts.glossary_terms(views, chosen)
            chosen = set(picked)
            if not look_up:
                return [i for i in shown if i in chosen]
            every = [_term_view(c) for c in concepts.values()]
            added = prompts.look_up_term(every)
            if added:
                chosen.add(added)
                if added not in shown:
                    shown.append(added)

    def _note_library(self) -> None:
        if not self.library:
            return
        ids = {i for a in self.session.answers.answers.values() for i in a.define}
        known = {i for i in ids if i in self.library.concepts}
        self.session.note_library(self.library.versions(known))
        # each definition as it was when first asked for, so `drafter check` can show a change
        # (a pin already there stays until `drafter check --update` moves it)
        pinned = self.session.answers.definitions
        for concept_id in sorted(known - set(pinned)):
            concept = self.library.concepts[concept_id]
            pinned[concept_id] = PinnedText(
                version=concept.version, text=concept.printed_definition
            )
        for concept_id in set(pinned) - known:
            del pinned[concept_id]

    # -- review and render ----------------------------------------------------------------

    def _review(self) -> int:
        session = self.session
        while True:
            answered = sum(1 for n in session.numbers if session.is_answered(n))
            choice = prompts.review(session.rows(), answered)
            if choice == prompts.QUIT:
                prompts.say(f"Saved to {session.path}. {self._resume_hint(resume=False)}")
                return 0
            if choice == prompts.RENDER:
                if self._render():
                    return 0
                continue
            self.answer_question(choice)
            self._forget_resume_point()

    def _render(self) -> bool:
        from drafter.render import render_answers

        session = self.session
        missing = session.unanswered()
        if missing and not prompts.confirm(
            f"{len(missing)} question(s) are not answered yet ({', '.join(missing)}). "
            "Make the response anyway?",
            default=False,
        ):
            return False
        out = self.options.output or default_output_path(session.path)
        from drafter.render import FORMATS, format_of

        fmt = format_of(out)
        if fmt is None:
            names = ", ".join(FORMATS.values())
            prompts.say(f"Cannot write {out}: use a file name ending {names}.", "warning")
            return False
        if out.exists() and not prompts.confirm(f"{out} already exists. Replace it?", True):
            return False
        try:
            result = render_answers(
                session.path, out, fmt=fmt, force=True, library_dirs=self.options.library_dirs
            )
        except DrafterError as exc:
            problem = exc.format()
        except Exception as exc:  # a bug in rendering must not end the interview
            import os

            if os.environ.get("DRAFTER_DEBUG"):
                raise
            problem = f"internal error: {type(exc).__name__}: {exc} (please report it)"
        else:
            problem = None
        if problem:
            prompts.say(f"Could not make the response: {problem}", "warning")
            prompts.say("Your answers are safe; you can try again from the review.", "muted")
            return False
        prompts.say()
        prompts.say(f"Wrote {out}", "good")
        counts = result.counts()
        prompts.say(session.precision_summary(counts))
        for warning in result.warnings:
            prompts.say(warning, "warning")
        if counts and any(counts.values()):
            prompts.say(f"To see each one: drafter lint {_shell_quote(str(out))}", "muted")
        return True

    # -- interruption ----------------------------------------------------------------------

    def _interrupted(self, exc: BaseException) -> int:
        session = self.session
        _quiet_say("")
        if session is None:
            _quiet_say("Stopped before anything was answered; nothing was saved.")
            raise SystemExit(EXIT_INTERRUPTED)
        note = ""
        if self.pending is not None:
            number, answer = self.pending
            answer = self._combined(answer)
            if _has_content(answer) and answer != session.answers.answers.get(number):
                answer.draft = True  # not finished: --resume comes back to it
                session.answers.answers[number] = answer
                note = f" Question {number} was not finished; what you had typed is kept."
        try:
            session.save()
        except DrafterError as error:
            _quiet_say(f"Could not save: {error.format()}")
            raise SystemExit(EXIT_INTERRUPTED) from None
        _quiet_say(f"Stopped. Your answers are saved to {session.path}.{note}")
        _quiet_say(self._resume_hint(resume=True))
        raise SystemExit(EXIT_INTERRUPTED)

    def _resume_hint(self, *, resume: bool) -> str:
        import os

        custom = os.environ.get("DRAFTER_RESUME_COMMAND")  # e.g. `make draft ARGS=--resume`
        if resume and custom:
            return f"To carry on where you stopped: {custom}"
        command = f"{_program()} draft --answers {_shell_quote(str(self.session.path))}"
        for folder in self.options.library_dirs:  # the same library next time
            command += f" --library {_shell_quote(str(folder))}"
        if resume:
            return f"To carry on where you stopped: {command} --resume"
        return f"To come back to it: {command}"

    def _remember_resume_point(self, number: str | None) -> None:
        from drafter.userconfig import remember_resume_point

        remember_resume_point(self.session.path, number)

    def _forget_resume_point(self) -> None:
        self._remember_resume_point(None)


def confirm_questions(consultation: Consultation) -> Consultation:
    """Show an imported question list and let the respondent correct it before answering."""
    while True:
        prompts.say()
        prompts.rule()
        prompts.say(f"{len(consultation.questions)} questions:", "heading")
        for q in consultation.questions:
            kind = QUESTION_KINDS[q.kind]
            how = f"  [{kind.label}]" if kind.stances or kind.own_options else ""
            prompts.say(f"{q.number}. {q.text}{how}")
        action = prompts.choose(
            "Are these the consultation's questions?",
            [
                ("Yes, start answering", prompts.CONFIRMED),
                ("Change the wording of a question", "edit"),
                ("Join a question onto the one before it", "merge"),
                ("Split a question in two", "split"),
                ("Change how a question is answered", "kind"),
                ("Remove something that is not a question", "drop"),
            ],
        )
        if action == prompts.CONFIRMED:
            return consultation
        number = prompts.choose(
            "Which question?",
            [(f"{q.number}. {_short(q.text)}", q.number) for q in consultation.questions],
        )
        question = consultation.question(number)
        try:
            if action == "edit":
                text = prompts.line("Wording", question.text, required=True)
                consultation = ql.edit_wording(consultation, number, text)
            elif action == "merge":
                consultation = ql.merge_with_previous(consultation, number)
            elif action == "split":
                first = prompts.line("Wording of the first part", question.text, required=True)
                second = prompts.line(
                    "Wording of the second part",
                    ql.remainder(question.text, first),
                    required=True,
                )
                new_number = prompts.line(
                    "Number of the second part",
                    ql.free_number(consultation, number),
                    required=True,
                )
                consultation = ql.split(consultation, number, first, second, new_number)
            elif action == "kind":
                kind = prompts.choose(
                    "How is it answered?",
                    [(kind.label, kind.name) for kind in QUESTION_KINDS.values()],
                    default=question.kind,
                )
                options: list[str] = []
                if QUESTION_KINDS[kind].own_options:
                    typed = prompts.line(
                        "The options, separated by semicolons",
                        "; ".join(question.options),
                        required=True,
                    )
                    options = typed.split(";")
                consultation = ql.change_kind(consultation, number, kind, options)
            elif action == "drop":
                consultation = ql.drop(consultation, number)
        except DrafterError as exc:
            prompts.say(exc.message, "warning")


def _holds_other_questions(target: Path, consultation: Consultation) -> bool:
    """Whether `target` exists with content other than `consultation` would be saved as."""
    if not target.exists():
        return False
    try:
        return target.read_text(encoding="utf-8") != ql.dump_consultation(consultation)
    except (OSError, UnicodeDecodeError):
        return True


def run_interview(options: Options) -> int:
    """Run the interview; returns the exit code (0 done, 130 stopped with answers saved)."""
    return Interview(options).run()


# -- helpers ----------------------------------------------------------------------------------


@contextlib.contextmanager
def _signals_interrupt():
    """SIGTERM and SIGHUP stop the interview like Ctrl-C does: save, say so, exit 130."""

    def handler(signum, frame):
        if not prompts.interrupt_current_prompt():
            raise KeyboardInterrupt

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
            previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _has_content(answer: Answer) -> bool:
    return bool(answer.stance or answer.text.strip() or answer.no_response)


def _offer_view(offer) -> prompts.OfferView:
    return prompts.OfferView(
        id=offer.id, kind=offer.kind, title=offer.title, version=offer.version,
        why=offer.why, text=offer.text,
    )  # fmt: skip


def _quoted_view(part: Part) -> prompts.OfferView:
    pin = part.pin
    words = part.text.split()
    first = " ".join(words[:6]) + ("…" if len(words) > 6 else "")
    return prompts.OfferView(
        id=pin.id, kind=pin.kind, title=first, version=pin.version or 0, why="", text=part.text
    )


def _term_view(concept) -> prompts.TermView:
    return prompts.TermView(id=concept.id, term=concept.preferred, short=concept.short)


def _long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _short(text: str, size: int = 70) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _program() -> str:
    """How to run drafter again from here: `drafter` if that is on PATH, else this Python."""
    import os
    import shutil
    import sys

    found = shutil.which("drafter")
    if found and Path(found).parent == Path(sys.executable).parent:
        return "drafter"
    script = Path(sys.executable).with_name("drafter")  # the venv's own, not on PATH
    python = str(script) if script.is_file() else sys.executable
    relative = os.path.relpath(python)
    if not relative.startswith(".."):
        python = relative
    return _shell_quote(python) if script.is_file() else f"{_shell_quote(python)} -m drafter"


def _shell_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _quiet_say(text: str) -> None:
    """Print even if the prompt machinery is gone; never fail while stopping."""
    import sys

    with contextlib.suppress(OSError, ValueError):
        print(text, file=sys.stderr, flush=True)
