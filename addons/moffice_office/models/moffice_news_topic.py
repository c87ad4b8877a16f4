import re
import unicodedata

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


def normalize(text):
    """Text as keywords are matched: Unicode NFC (feeds mix composed and
    decomposed Vietnamese), case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


class MofficeNewsTopic(models.Model):
    """A topic of the web news filter: the news of the web sources that
    name one of its keywords are kept (matrix VIII.6)."""

    _name = "moffice.news.topic"
    _description = "M-Office web news topic"
    _order = "name"

    name = fields.Char(required=True)
    keywords = fields.Text(
        required=True,
        help="One keyword or phrase per line (or separated by commas); a news item whose title or summary "
        "contains one of them, as a whole word, in any case, is kept.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    @api.constrains("keywords")
    def _check_keywords(self):
        for topic in self:
            if not topic._keyword_list():
                raise ValidationError(_("The topic %(topic)s needs at least one keyword.", topic=topic.name))

    def _keyword_list(self):
        self.ensure_one()
        return [word for word in (normalize(part) for part in re.split(r"[\n,;]", self.keywords or "")) if word]

    def _matcher(self):
        """One pattern finding any keyword of the topic as a whole word."""
        self.ensure_one()
        words = "|".join(re.escape(word) for word in self._keyword_list())
        return re.compile(rf"(?<!\w)(?:{words})(?!\w)")

    def _matching(self, text):
        """The topics of ``self`` that ``text`` is about."""
        text = normalize(text)
        return self.filtered(lambda topic: topic._matcher().search(text))
