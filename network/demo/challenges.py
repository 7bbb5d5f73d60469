"""The demo board: fifteen challenges from the seeds' world, with replies and accepted answers; three are
written in Khmer (one with an English reply), as members write to each other."""

from datetime import timedelta

from django.utils import timezone

from communities.models import Community
from members.models import FocusArea, User
from network import services
from network.models import Challenge, Reply

# author, organisation acronym, title, themes, body, replies [(author, body)], accepted reply index
CHALLENGES = [
    (
        "leader@demo.example",
        "SRCLC",
        "How do we keep funding after our main donor leaves?",
        ["education"],
        "Our main donor ends its grant next year; it pays 60% of our budget. We have started asking local businesses, "
        "but the amounts are small. **How did you make your funding more sustainable?**",
        [
            (
                "bopha@demo.example",
                "We built a monthly giving programme with former students and their families. It took two years, "
                "but it now covers our teachers' salaries. Start small and report back to every giver.",
            ),
            (
                "sokunthea@demo.example",
                "Map your costs first: which ones could a social enterprise, a government programme or "
                "a business partnership carry? Different costs suit different funders.",
            ),
        ],
        0,
    ),
    (
        "bopha@demo.example",
        "AGEF",
        "Working with the private sector without losing our mission",
        ["education", "women"],
        "A hotel group offers to fund scholarships if girls do internships with them. Good opportunity, but how do we make "
        "sure the girls' education comes first?",
        [
            (
                "malay@demo.example",
                "Put the conditions in a written agreement: hours, pay, supervision, and the right to end it.",
            )
        ],
        None,
    ),
    (
        "samphous@demo.example",
        "IDEA",
        "Starting a social enterprise beside our programmes",
        ["social-enterprise", "labour-rights"],
        "Our members want a cooperative laundry service. Who has run a social enterprise next to an NGO, and how did you "
        "separate the money?",
        [
            (
                "leader@demo.example",
                "We set up a separate company that pays a share of profits to the NGO. Keep the books apart from day one.",
            )
        ],
        None,
    ),
    (
        "narom@demo.example",
        "AUA",
        "Staff stress and burnout since COVID",
        ["health-and-hiv"],
        "Our peer workers carry heavy stories. Since COVID, sick leave has doubled. What helps your staff cope?",
        [
            (
                "member@demo.example",
                "Monthly group supervision with an outside counsellor made a real difference for us.",
            ),
            ("bopha@demo.example", "We have a 'no calls after 6 pm' rule, and we mean it."),
        ],
        None,
    ),
    (
        "narom@demo.example",
        "AUA",
        "ការសរសេររបាយការណ៍ជូនម្ចាស់ជំនួយជាភាសាអង់គ្លេស",
        [],
        "បុគ្គលិកកម្មវិធីរបស់យើងធ្វើការងារនៅមូលដ្ឋានបានល្អណាស់ ប៉ុន្តែម្ចាស់ជំនួយទាមទាររបាយការណ៍ជាភាសាអង់គ្លេស។ "
        "ការសរសេររបាយការណ៍ប្រចាំត្រីមាសមួយចំណាយពេលជិតមួយសប្តាហ៍ ហើយរឿងរ៉ាវល្អៗពីសហគមន៍តែងតែបាត់បង់ក្នុងការបកប្រែ។ "
        "តើអង្គការផ្សេងទៀតរៀបចំការងារនេះយ៉ាងដូចម្តេចខ្លះ?",
        [
            (
                "sokunthea@demo.example",
                "យើងឱ្យបុគ្គលិកសរសេរជាភាសាខ្មែរជាមុនសិន តាមទម្រង់ខ្លីមួយទំព័រ៖ អ្វីដែលបានធ្វើ លទ្ធផលដែលទទួលបាន "
                "និងរឿងរ៉ាវមួយពីអ្នកទទួលផល។ បន្ទាប់មក មន្ត្រីម្នាក់ដែលពូកែភាសាអង់គ្លេសរៀបចំជារបាយការណ៍ពេញលេញ។ "
                "ម្ចាស់ជំនួយខ្លះក៏យល់ព្រមទទួលឧបសម្ព័ន្ធជាភាសាខ្មែរដែរ ប្រសិនបើយើងសួរពួកគេតាំងពីដំបូង។",
            ),
            (
                "facilitator@demo.example",
                "Some of our funders now accept a short video or voice report in Khmer with English subtitles. "
                "Worth asking yours before the next reporting period.",
            ),
        ],
        None,
    ),
    (
        "member@demo.example",
        "HAC",
        "Reaching elderly people with disabilities in remote villages",
        ["elderly-people", "disability"],
        "Many older people with disabilities never reach our centres. How do you find and reach them?",
        [
            (
                "samphous@demo.example",
                "Village older people's associations know every household. Train one volunteer per village.",
            )
        ],
        None,
    ),
    (
        "srey@demo.example",
        "CIPL",
        "Recording Kuy songs before the elders are gone",
        ["indigenous-peoples", "arts-and-culture"],
        "We want to record Kuy songs and stories. What equipment and consent process do you use?",
        [],
        None,
    ),
    (
        "malay@demo.example",
        "CFSWF",
        "Explaining social security to informal workers",
        ["social-protection", "labour-rights"],
        "Workers do not trust the registration process. What materials worked for you?",
        [],
        None,
    ),
    (
        "leader@demo.example",
        "SRCLC",
        "Child safeguarding policy: how do we train volunteers?",
        ["child-wellbeing"],
        "Our policy exists on paper. Short-term volunteers do not read it. Ideas for a training that sticks?",
        [],
        None,
    ),
    (
        "bopha@demo.example",
        "AGEF",
        "Measuring results on a small budget",
        ["education"],
        "Donors ask for outcome data. We have no M&E officer. What simple tools do you use?",
        [
            (
                "sokunthea@demo.example",
                "A one-page results framework and a quarterly phone survey of 20 families goes a long way.",
            )
        ],
        None,
    ),
    (
        "srey@demo.example",
        "CIPL",
        "ការសុំការយល់ព្រមមុនពេលថតរូប និងវីដេអូនៅក្នុងសហគមន៍ជនជាតិដើមភាគតិច",
        ["indigenous-peoples", "child-wellbeing"],
        "យើងចង់ចែករំលែករូបថត និងវីដេអូពីពិធីបុណ្យរបស់សហគមន៍ជនជាតិកួយនៅលើ Facebook ប៉ុន្តែចាស់ទុំខ្លះមិនចង់ឱ្យថតទេ "
        "ហើយកុមារក៏មិនអាចផ្តល់ការយល់ព្រមដោយខ្លួនឯងបានដែរ។ "
        "**តើអង្គការរបស់លោកអ្នកប្រើទម្រង់ការយល់ព្រមបែបណា ហើយពន្យល់ដល់អ្នកដែលមិនចេះអក្សរយ៉ាងដូចម្តេច?**",
        [],
        None,
    ),
    (
        "narom@demo.example",
        "AUA",
        "Sharing premises with another NGO",
        ["health-and-hiv"],
        "Rent in Phnom Penh keeps rising. Has anyone shared an office, and what did you agree on?",
        [],
        None,
    ),
    (
        "samphous@demo.example",
        "IDEA",
        "Getting local authorities to attend our forums",
        ["governance-and-advocacy"],
        "Commune officials accept invitations and then do not come. How do you get duty-bearers to the table?",
        [],
        None,
    ),
    (
        "member@demo.example",
        "HAC",
        "Digital skills for older people",
        ["elderly-people"],
        "Families want their grandparents on video calls. Has anyone run phone classes for older people?",
        [],
        None,
    ),
    (
        "leader@demo.example",
        "SRCLC",
        "តើធ្វើដូចម្តេចដើម្បីរក្សាគ្រូស្ម័គ្រចិត្តឱ្យបន្តបង្រៀននៅសាលាជនបទ?",
        ["education"],
        "សាលាសហគមន៍របស់យើងនៅស្រុកវ៉ារិន ខេត្តសៀមរាប ពឹងផ្អែកលើគ្រូស្ម័គ្រចិត្តប្រាំមួយនាក់។ "
        "ក្នុងរយៈពេលមួយឆ្នាំចុងក្រោយនេះ គ្រូបួននាក់បានឈប់ ដោយសារពួកគេទៅរកការងារនៅទីក្រុង ឬទៅធ្វើការនៅប្រទេសថៃ។ "
        "រាល់ពេលគ្រូម្នាក់ឈប់ សិស្សខកខានការសិក្សាច្រើនសប្តាហ៍ ហើយយើងត្រូវបណ្តុះបណ្តាលគ្រូថ្មីម្តងទៀត។\n\n"
        "យើងផ្តល់ប្រាក់ឧបត្ថម្ភ ៤០ ដុល្លារក្នុងមួយខែ ប៉ុន្តែមិនអាចដំឡើងបានទេ។ "
        "**តើអង្គការរបស់លោកអ្នកធ្លាប់សាកល្បងវិធីអ្វីខ្លះ ក្រៅពីប្រាក់ ដើម្បីឱ្យគ្រូស្ម័គ្រចិត្តនៅបន្តយូរ?**",
        [
            (
                "bopha@demo.example",
                "យើងក៏ធ្លាប់ជួបបញ្ហាដូចគ្នានៅខេត្តឧត្តរមានជ័យ។ អ្វីដែលជួយយើងបានច្រើនជាងគេ គឺការជ្រើសរើសគ្រូពីភូមិផ្ទាល់ "
                "ជាពិសេសយុវជនដែលបានបញ្ចប់ថ្នាក់ទី១២ ហើយចង់នៅជិតគ្រួសារ។ យើងក៏ធ្វើកិច្ចព្រមព្រៀងជាមួយមេភូមិ "
                "និងគណៈកម្មការទ្រទ្រង់សាលារៀន ដើម្បីឱ្យសហគមន៍ជួយមើលថែគ្រូ ដូចជាចែកអង្ករ ឬផ្តល់កន្លែងស្នាក់នៅ។ "
                "ចាប់តាំងពីពេលនោះមក គ្រូភាគច្រើននៅជាមួយយើងលើសពីពីរឆ្នាំ។",
            ),
            (
                "sokunthea@demo.example",
                "ប្រាក់មិនមែនជារឿងតែមួយទេ។ គ្រូស្ម័គ្រចិត្តចង់ឃើញផ្លូវទៅមុខសម្រាប់ខ្លួនឯង។ "
                "យើងរៀបចំវគ្គបណ្តុះបណ្តាលរៀងរាល់ត្រីមាស ជាមួយវិញ្ញាបនបត្រដែលមន្ទីរអប់រំ យុវជន និងកីឡាទទួលស្គាល់ "
                "ហើយគ្រូខ្លះរបស់យើងបានប្រឡងជាប់ជាគ្រូបង្រៀនរដ្ឋ។ ទោះបីពួកគេចាកចេញទៅ ក៏ពួកគេនៅតែមកជួយណែនាំគ្រូថ្មីដែរ។",
            ),
            (
                "samphous@demo.example",
                "សូមសាកសួរគ្រូដែលបានឈប់ថា ហេតុអ្វីបានជាពួកគេឈប់។ ពេលយើងសួរ យើងដឹងថាបញ្ហាធំជាងគេមិនមែនជាទំហំប្រាក់ឧបត្ថម្ភទេ "
                "គឺការបើកប្រាក់យឺត និងការធ្វើដំណើរឆ្ងាយក្នុងរដូវវស្សា។ "
                "ឥឡូវនេះ យើងផ្ញើប្រាក់ឱ្យគ្រូទាន់ពេលតាមទូរស័ព្ទរៀងរាល់ដើមខែ ហើយបានទិញកង់ឱ្យគ្រូដែលនៅឆ្ងាយ។",
            ),
        ],
        0,
    ),
]


def seed_challenges():
    """Post the demo challenges that are missing, with their replies and accepted answers, dated back over
    the last weeks, and the community challenge of CoP-OPA. Challenges that exist are left as they are."""
    people = {person.email: person for person in User.objects.all()}
    now = timezone.now()
    for index, (email, acronym, title, themes, body, replies, accepted) in enumerate(CHALLENGES):
        author = people[email]
        if Challenge.objects.filter(title=title).exists():
            continue
        organisation = author.affiliations.filter(organisation__acronym=acronym).first()
        challenge, _created = services.challenge_create(
            author=author,
            title=title,
            body=body,
            organisation=organisation.organisation if organisation else None,
            themes=list(FocusArea.objects.filter(slug__in=themes)),
        )
        posted = now - timedelta(days=3 * (len(CHALLENGES) - index))
        Challenge.objects.filter(pk=challenge.pk).update(created_at=posted, last_activity_at=posted)
        made = []
        for offset, (replier, text) in enumerate(replies):
            reply, _created = services.reply_create(challenge=challenge, author=people[replier], body=text)
            Reply.objects.filter(pk=reply.pk).update(created_at=posted + timedelta(hours=5 * (offset + 1)))
            made.append(reply)
        if accepted is not None:
            services.reply_set_accepted(reply=made[accepted], by=author)
    community = Community.objects.filter(slug="cop-opa").first()
    if community and not community.challenges.exists():
        services.challenge_create(
            author=people["member@demo.example"],
            title="Planning the community forum for older people",
            body="Which venue and format made your community forums accessible for older people with disabilities?",
            community=community,
        )
