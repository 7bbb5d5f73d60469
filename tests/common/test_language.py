from django.template import Context, Template

from common.language import script_lang


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
