"""Demo library materials and webinars, in Russian and Kazakh: pure data, no Django.

``demo.library`` turns them into pages. A material's body is a list of ``(kind, value)``
pairs of the material StreamField blocks (``text``, ``callout``, ``case_study``, as in
``demo.courses_content``); ``file`` names a demo file that the seeding draws (``pdf-guide``,
``pdf-slides``, ``png-coverage``). Legal references stay general, as in the courses:
a trainer checks the current text of the law before teaching.
"""

MATERIALS = [
    {
        "slug": "case-overtime-ru",
        "title": "Кейс: учителю не оплатили замену уроков",
        "kind": "case_study",
        "language": "ru",
        "level": "intermediate",
        "access": "public",
        "topics": ["labour-law", "status-of-teacher"],
        "audiences": ["activist", "primary_chair", "member"],
        "summary": "Разбор ситуации, когда учителю поручили замещать уроки заболевшего коллеги, но "
                   "не оплатили часы сверх нагрузки. Что может сделать профсоюзный комитет школы.",
        "body": [
            ("case_study", {
                "title": "Замена уроков без оплаты",
                "situation": "<p>В течение месяца учитель математики замещал уроки заболевшей коллеги — "
                             "всего 18 часов сверх своей нагрузки. Приказа о замене не было, в табеле часы "
                             "не отмечены, и в зарплату они не вошли. Учитель обратился к председателю "
                             "первичной профсоюзной организации.</p>",
                "questions": [
                    "Какие документы нужно запросить у администрации школы?",
                    "Какие шаги может предпринять профком до обращения в согласительную комиссию?",
                    "Как избежать повторения ситуации с другими учителями?",
                ],
                "discussion": "<p>Замещение — это работа, которая оплачивается. Председатель ППО просит "
                              "показать приказ и табель, помогает учителю написать заявление работодателю и "
                              "предлагает закрепить порядок учёта замен в коллективном договоре.</p>",
            }),
        ],
    },
    {
        "slug": "case-workload-kk",
        "title": "Кейс: мұғалімге қосымша жүктеме берілді",
        "kind": "case_study",
        "language": "kk",
        "level": "intermediate",
        "access": "members",
        "topics": ["labour-law", "status-of-teacher"],
        "audiences": ["activist", "primary_chair", "young_teacher"],
        "summary": "Жас мұғалімге келісімсіз қосымша сабақтар мен сыныптан тыс жұмыс берілген жағдайды "
                   "талдау. Бастауыш кәсіподақ ұйымы не істей алады.",
        "body": [
            ("case_study", {
                "title": "Келісімсіз қосымша жүктеме",
                "situation": "<p>Мектепке келген жас мұғалімге оқу жылының ортасында тағы екі сынып берілді, "
                             "ал одан келісім сұралмады. Мұғалімдердің кәсіподақ комитетіне шағым түсті.</p>",
                "questions": [
                    "Жүктемені өзгерту үшін қандай құжат қажет?",
                    "Кәсіподақ комитеті әкімшілікпен қалай сөйлесуі керек?",
                ],
                "discussion": "<p>Жүктеме еңбек шартында және бұйрықта көрсетіледі. Кәсіподақ мұғалімге "
                              "өтініш жазуға көмектеседі және мәселені ұжымдық шартта шешуді ұсынады.</p>",
            }),
        ],
    },
    {
        "slug": "guide-union-meeting-ru",
        "title": "Методическое пособие: как провести профсоюзное собрание в школе",
        "kind": "guide",
        "language": "ru",
        "level": "basic",
        "access": "public",
        "topics": ["union-basics"],
        "audiences": ["primary_chair", "activist"],
        "file": "pdf-guide",
        "summary": "Пошаговое пособие для председателя первичной организации: подготовка повестки, "
                   "кворум, ведение собрания, протокол и решения, которые потом выполняются.",
        "body": [
            ("text", "<h2>Подготовка</h2><p>За две недели до собрания согласуйте повестку с профкомом, "
                     "объявите дату и время в учительской и в общем чате, подготовьте проекты решений.</p>"
                     "<h2>Ведение</h2><p>Проверьте кворум, выберите председательствующего и секретаря, "
                     "давайте слово по очереди и голосуйте по каждому пункту.</p>"),
            ("callout", {"kind": "important",
                         "text": "<p>Протокол подписывают председательствующий и секретарь; решения "
                                 "доводят до всех членов профсоюза.</p>"}),
        ],
    },
    {
        "slug": "guide-collective-agreement-kk",
        "title": "Әдістемелік құрал: ұжымдық шартты дайындау",
        "kind": "guide",
        "language": "kk",
        "level": "intermediate",
        "access": "members",
        "topics": ["collective-bargaining"],
        "audiences": ["primary_chair", "activist"],
        "summary": "Ұжымдық шарттың жобасын дайындау, келіссөздер жүргізу және шарттың орындалуын "
                   "бақылау бойынша бастауыш ұйым төрағаларына арналған құрал.",
        "body": [
            ("text", "<h2>Жобаны дайындау</h2><p>Мұғалімдердің ұсыныстарын жинаңыз, салалық келісімді "
                     "негізге алыңыз және әр тармаққа жауапты адамды белгілеңіз.</p>"
                     "<h2>Келіссөздер</h2><p>Келіссөздер комиссиясында кәсіподақ пен жұмыс беруші тең "
                     "құқылы. Әр кездесудің хаттамасын жүргізіңіз.</p>"),
        ],
    },
    {
        "slug": "recommendation-conciliation-ru",
        "title": "Рекомендации: как работает согласительная комиссия в школе",
        "kind": "recommendation",
        "language": "ru",
        "level": "intermediate",
        "access": "public",
        "topics": ["labour-disputes"],
        "audiences": ["conciliation_commission", "primary_chair"],
        "summary": "Короткие рекомендации членам согласительной комиссии: как принять заявление, "
                   "рассмотреть индивидуальный трудовой спор и оформить решение.",
        "body": [
            ("text", "<ul><li>Регистрируйте каждое заявление в журнале в день поступления.</li>"
                     "<li>Выслушайте обе стороны и запросите документы.</li>"
                     "<li>Оформляйте решение письменно и выдавайте копию работнику.</li></ul>"),
            ("callout", {"kind": "law", "text": "<p>Порядок работы согласительной комиссии определяет "
                                                "Трудовой кодекс Республики Казахстан (статья 159).</p>"}),
        ],
    },
    {
        "slug": "recommendation-teacher-rights-kk",
        "title": "Мұғалімдердің еңбек құқықтарын қорғау бойынша ұсынымдар",
        "kind": "recommendation",
        "language": "kk",
        "level": "basic",
        "access": "public",
        "topics": ["labour-law", "status-of-teacher"],
        "audiences": ["member", "young_teacher", "activist"],
        "summary": "Мұғалімге арналған қысқа ұсынымдар: еңбек шартында нені тексеру керек, жүктеме мен "
                   "жалақы туралы сұрақтарды кімге қою керек, кәсіподақ қалай көмектеседі.",
        "body": [
            ("text", "<p>Еңбек шартыңызды мұқият оқыңыз: лауазым, жүктеме, жалақы және демалыс көрсетілуі "
                     "тиіс. Түсініксіз жағдайда мектептегі кәсіподақ комитетіне жүгініңіз — ол "
                     "мұғалімдердің мүддесін қорғайды.</p>"),
        ],
    },
    {
        "slug": "presentation-safety-ru",
        "title": "Презентация: охрана труда в организациях образования",
        "kind": "presentation",
        "language": "ru",
        "level": "basic",
        "access": "public",
        "topics": ["occupational-safety"],
        "audiences": ["safety_inspector", "activist"],
        "file": "pdf-slides",
        "summary": "Слайды для занятия с уполномоченными по охране труда: обязанности работодателя, "
                   "инструктажи, расследование несчастных случаев, роль профсоюза.",
        "body": [],
    },
    {
        "slug": "video-teacher-status-ru",
        "title": "Видеолекция: закон о статусе педагога",
        "kind": "video_lecture",
        "language": "ru",
        "level": "basic",
        "access": "public",
        "topics": ["status-of-teacher"],
        "audiences": ["member", "young_teacher"],
        "video_url": "https://example.org/video/teacher-status-ru",
        "summary": "Лекция о правах и гарантиях педагога по Закону «О статусе педагога»: нагрузка, "
                   "отпуск, защита чести и достоинства, запрет на несвойственные функции.",
        "body": [],
    },
    {
        "slug": "video-member-rights-kk",
        "title": "Бейнедәріс: кәсіподақ мүшесінің құқықтары",
        "kind": "video_lecture",
        "language": "kk",
        "level": "basic",
        "access": "members",
        "topics": ["union-basics"],
        "audiences": ["member", "young_teacher"],
        "video_url": "https://example.org/video/member-rights-kk",
        "summary": "Кәсіподақ мүшесінің құқықтары мен міндеттері туралы дәріс: заң көмегі, "
                   "материалдық көмек, оқу мүмкіндіктері.",
        "body": [],
    },
    {
        "slug": "infographic-coverage-ru",
        "title": "Инфографика: охват обучением 2020–2024",
        "kind": "infographic",
        "language": "ru",
        "level": "basic",
        "access": "public",
        "topics": ["union-basics"],
        "audiences": ["primary_chair", "district_chair"],
        "file": "png-coverage",
        "summary": "Сколько членов профсоюза прошли обучение за пять лет: всего 418 805 человек "
                   "в 2020–2024 годах.",
        "body": [],
    },
    {
        "slug": "commentary-article-159-ru",
        "title": "Комментарий: индивидуальный трудовой спор в согласительной комиссии",
        "kind": "legal_commentary",
        "language": "ru",
        "level": "advanced",
        "access": "members",
        "topics": ["labour-disputes", "labour-law"],
        "audiences": ["conciliation_commission", "legal_inspector"],
        "summary": "Правовой комментарий к порядку рассмотрения индивидуальных трудовых споров "
                   "согласительной комиссией и к срокам обращения работника.",
        "body": [
            ("text", "<p>Согласительная комиссия создаётся на паритетной основе из представителей "
                     "работодателя и работников. Решение комиссии обязательно для исполнения; если "
                     "работник не согласен с ним, он может обратиться в суд.</p>"),
            ("callout", {"kind": "law", "text": "<p>Трудовой кодекс РК, статьи 159 и 160. Сроки — по "
                                                "действующей редакции закона.</p>"}),
        ],
    },
    {
        "slug": "commentary-teacher-status-kk",
        "title": "«Педагог мәртебесі туралы» заңға түсініктеме",
        "kind": "legal_commentary",
        "language": "kk",
        "level": "intermediate",
        "access": "public",
        "topics": ["status-of-teacher"],
        "audiences": ["member", "legal_inspector"],
        "summary": "Заңның педагогтердің құқықтары мен кепілдіктері туралы негізгі ережелеріне "
                   "түсініктеме: жүктеме, демалыс, ар-намысты қорғау.",
        "body": [
            ("text", "<p>Заң педагогке оның кәсіби міндеттеріне жатпайтын жұмысты жүктеуге тыйым "
                     "салады. Педагогтердің құқықтары бұзылса, кәсіподақ заң көмегін көрсетеді.</p>"),
        ],
    },
    {
        "slug": "guide-webinars-for-trainers-ru",
        "title": "Пособие для тренеров: как вести вебинар для активистов",
        "kind": "guide",
        "language": "ru",
        "level": "advanced",
        "access": "role",
        "access_role": "Trainers",
        "topics": ["union-basics"],
        "audiences": ["activist"],
        "summary": "Для тренеров: сценарий вебинара на 90 минут, интерактивные приёмы, опросы, "
                   "работа с чатом и отметка посещаемости после эфира.",
        "body": [
            ("text", "<p>Начните с короткого опроса, чередуйте 15 минут теории с вопросами участников и "
                     "закончите практическим заданием. После эфира загрузите отчёт платформы о "
                     "посещаемости — участники получат отметку об обучении.</p>"),
        ],
    },
]

# days: from today (negative: in the past); time: Almaty time of the start.
WEBINARS = [
    {
        "slug": "employment-contract-ru",
        "title": "Вебинар: трудовой договор педагога — что проверить",
        "speaker": "Гүлнар Әбдірахманова, правовой инспектор",
        "language": "ru",
        "days": 3, "time": (15, 0), "minutes": 90, "capacity": 100,
        "join_url": "https://bbb.example.org/b/employment-contract",
        "topics": ["labour-law", "status-of-teacher"],
        "audiences": ["member", "young_teacher"],
        "description": "<p>Разберём, какие условия должны быть в трудовом договоре учителя, как "
                       "оформляется нагрузка и что делать, если договор изменили без согласия.</p>",
    },
    {
        "slug": "collective-agreement-kk",
        "title": "Вебинар: ұжымдық шарт жобасын талқылау",
        "speaker": "Марина Ким, әдіскер",
        "language": "kk",
        "days": 10, "time": (16, 0), "minutes": 60, "capacity": 50,
        "join_url": "https://zoom.example.org/j/collective-agreement",
        "topics": ["collective-bargaining"],
        "audiences": ["primary_chair", "activist"],
        "description": "<p>Бастауыш ұйым төрағаларымен бірге ұжымдық шарт жобасын талқылаймыз: "
                       "мұғалімдердің ұсыныстары, келіссөздер тәртібі, орындалуын бақылау.</p>",
    },
    {
        "slug": "safety-at-school-ru",
        "title": "Вебинар: охрана труда в школе",
        "speaker": "Гүлнар Әбдірахманова, тренер",
        "language": "ru",
        "days": -14, "time": (15, 0), "minutes": 90, "capacity": 200,
        "join_url": "https://bbb.example.org/b/safety-at-school",
        "recording_url": "https://example.org/recordings/safety-at-school-ru",
        "topics": ["occupational-safety"],
        "audiences": ["safety_inspector", "activist"],
        "description": "<p>Обязанности работодателя и уполномоченного по охране труда, инструктажи и "
                       "расследование несчастных случаев в организациях образования.</p>",
        # (email, attended)
        "registrations": [
            ("member.ru@example.org", True),
            ("chair@example.org", True),
            ("member.kk@example.org", False),
        ],
    },
]
