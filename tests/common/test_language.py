import re

from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from common.language import QuotingUserText, script_lang
from common.widgets import NamesSelect


class TestScriptLang:
    def test_khmer_text_is_khmer(self):
        assert script_lang("ការរក្សាគ្រូបង្រៀនល្អៗ") == "km"

    def test_english_text_is_english(self):
        assert script_lang("How do we keep our best teachers?") == "en"

    def test_mixed_text_goes_by_the_script_of_most_letters(self):
        assert script_lang("ក្រុមកុមារ Khmer Kids") == "km"  # 10 Khmer letters and signs, 9 Latin
        assert script_lang("Annual report of ក្រុមកុមារ") == "en"  # 14 Latin, 10 Khmer

    def test_empty_text_and_text_without_letters_get_the_default(self):
        assert script_lang("") == "en"
        assert script_lang(None) == "en"
        assert script_lang("2026 – 15.5 %") == "en"
        assert script_lang("០១២ ។", default="") == ""  # Khmer digits and full stop are not letters

    def test_khmer_symbols_block_counts_as_khmer(self):
        assert script_lang("\u19e0\u19e1\u19e2 ab") == "km"


def render(source, **context):
    return Template("{% load language_tags %}" + source).render(Context(context))


class TestLangFilters:
    def test_lang_attr_writes_the_attribute_inside_the_opening_tag(self):
        html = render("<h1{{ title|lang_attr }}>{{ title }}</h1>", title="ការរក្សាគ្រូ")
        assert html == '<h1 lang="km">ការរក្សាគ្រូ</h1>'
        assert render("<h1{{ title|lang_attr }}>", title="Keeping teachers") == '<h1 lang="en">'

    def test_lang_attr_leaves_text_without_letters_in_the_page_language(self):
        assert render("<p{{ text|lang_attr }}>", text="") == "<p>"
        assert render("<p{{ text|lang_attr }}>", text="2026") == "<p>"

    def test_lang_span_wraps_and_escapes_user_text_inside_a_sentence(self):
        html = render(
            "{% load i18n %}{% blocktranslate with title=title|lang_span %}A reminder of “{{ title }}”.{% endblocktranslate %}",
            title="កិច្ចប្រជុំ <b>",
        )
        assert html == 'A reminder of “<span lang="km">កិច្ចប្រជុំ &lt;b&gt;</span>”.'
        assert render("{{ text|lang_span }}", text="1 < 2") == "1 &lt; 2"

    def test_lang_span_marks_only_text_in_another_language_than_the_page(self):
        sentence = (
            "{% load i18n %}{% blocktranslate with name=name|lang_span %}Welcome, {{ name }}{% endblocktranslate %}"
        )
        with translation.override("en"):
            assert render(sentence, name="Dara Kim") == "Welcome, Dara Kim"
        with translation.override("km"):
            assert '<span lang="en">Dara Kim</span>' in render(sentence, name="Dara Kim")
            assert "<span" not in render("{{ name|lang_span }}", name="សុខា ចាន់")


class TestQuotingUserText:
    sentence = "Answer the call's section “%(heading)s”."

    def test_as_a_string_it_is_the_plain_sentence(self):
        text = QuotingUserText(self.sentence, heading="How & why?")
        assert text == "Answer the call's section “How & why?”."
        assert ValidationError([text]).messages == ["Answer the call's section “How & why?”."]

    def test_in_a_template_the_quoted_text_is_escaped_and_marked_with_its_language(self):
        with translation.override("km"):
            text = QuotingUserText(self.sentence + " <b>", heading="How & why?")
            html = render("{{ text }}", text=text)
        assert html == 'Answer the call&#x27;s section “<span lang="en">How &amp; why?</span>”. &lt;b&gt;'


class TestNamesSelect:
    def test_each_named_option_carries_the_language_of_its_label(self):
        html = NamesSelect(choices=[("", "---"), ("kco", "អង្គការកុមារ"), ("agef", "AGEF")]).render("org", "kco")
        assert '<option value="">---</option>' in html
        assert '<option value="kco" selected lang="km">អង្គការកុមារ</option>' in html
        assert '<option value="agef" lang="en">AGEF</option>' in html

    def test_written_as_djangos_own_select_template_writes_it(self):
        """Rendered in Python for speed: the same HTML as through the select and option templates."""

        class ThroughTemplates(NamesSelect):
            render = forms.Select.render

        choices = [
            ("", "---"),
            ("Khmer names", [("kco", "អង្គការកុមារ"), ("h&c", 'Hope & "Care" <NGO>')]),
            ("agef", "AGEF"),
        ]
        attrs = {"id": "id_org", "required": True, "disabled": False, "data-x": 'a"b'}
        for value in ("h&c", "", None, "unknown"):
            fast = NamesSelect(choices=choices).render("org", value, attrs=attrs)
            slow = ThroughTemplates(choices=choices).render("org", value, attrs=attrs)
            assert squeeze(fast) == squeeze(slow)
        assert (
            'label="Khmer names"' in fast and "&lt;NGO&gt;" in fast and " required" in fast and "disabled" not in fast
        )


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())
