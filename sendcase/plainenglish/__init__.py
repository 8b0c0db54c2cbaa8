"""Plain English for families: the glossary of SEND terms and the checker staff see before sending.

Pure Python (no Django) apart from the template tags in templatetags/, which the Django app
"sendcase.plainenglish" makes available to templates. docs/plain-english.md explains it.
"""

from sendcase.plainenglish.checker import PASS_SCORE, Finding, Report, check_plain_english
from sendcase.plainenglish.glossary import Glossary, Term, glossary

__all__ = ["PASS_SCORE", "Finding", "Glossary", "Report", "Term", "check_plain_english", "glossary"]
