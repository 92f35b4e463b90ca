"""The stories and the site furniture of the evaluation pages, written for this project.

One entry per language: a news site's name, its menu, one story (headline and paragraphs),
and the blocks news sites put around a story (cookie banner, related links, newsletter box,
share bar, a sidebar of other stories, reader comments, copyright line), in the words such
sites use. ``make_pages.py`` builds the pages and feeds from them.
"""

from __future__ import annotations

NEWS: dict[str, dict] = {
    "de": dict(
        site="Rheinische Rundschau", menu=["Startseite", "Politik", "Wirtschaft", "Sport"],
        headline="Stadtrat beschließt neues Radwegenetz für die Innenstadt",
        paragraphs=[
            "Der Stadtrat hat am Montagabend mit großer Mehrheit ein neues Radwegenetz für die "
            "Innenstadt beschlossen. Bis 2028 sollen 42 Kilometer geschützte Radwege entstehen.",
            "Die Kosten von rund 60 Millionen Euro trägt zur Hälfte das Land. Der Einzelhandel "
            "befürchtet den Wegfall von Parkplätzen in der Altstadt.",
            "Die Verwaltung will die ersten Abschnitte an der Ringstraße bereits im Frühjahr "
            "ausschreiben, sagte die Baudezernentin nach der Sitzung.",
        ],
        cookie="Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren. "
               "Alle akzeptieren oder Einstellungen anpassen.",
        related=("Mehr zum Thema", ["Verkehrswende: Was die Pendler jetzt erwartet",
                                     "Parkgebühren in der Altstadt steigen ab Januar"]),
        newsletter="Der Morgenüberblick: Jeden Tag die wichtigsten Nachrichten aus der Region "
                   "direkt in Ihr Postfach. Jetzt kostenlos abonnieren",
        share="Artikel teilen: Facebook, WhatsApp, E-Mail, Link kopieren",
        sidebar=("Meistgelesen", ["Hochwasser am Rhein: Pegel steigt weiter",
                                  "Weihnachtsmarkt öffnet mit neuen Ständen"]),
        comments=["Endlich passiert etwas, ich fahre jeden Tag mit dem Rad zur Arbeit.",
                  "Und wo sollen die Lieferwagen dann halten? Schlecht durchdacht."],
        copyright="Alle Rechte vorbehalten", published="Veröffentlicht am",
        updated="Aktualisiert am", written="{d:02d}.{m:02d}.{y}, {H:02d}:{M:02d} Uhr",
        encodings=["utf-8", "windows-1252"],
    ),
    "fr": dict(
        site="Le Courrier du Sud", menu=["Accueil", "Politique", "Économie", "Sports"],
        headline="La grève des contrôleurs aériens perturbe les vols à Marseille",
        paragraphs=[
            "Plus de deux cents vols ont été annulés jeudi à l'aéroport de Marseille-Provence "
            "en raison d'une grève des contrôleurs aériens.",
            "La direction générale de l'aviation civile avait demandé aux compagnies de réduire "
            "leurs programmes d'un tiers. Les syndicats réclament des recrutements.",
            "Le ministre des Transports a appelé à la reprise du dialogue et promis une réunion "
            "avec les organisations syndicales la semaine prochaine.",
        ],
        cookie="Nous utilisons des cookies pour améliorer votre expérience et mesurer "
               "l'audience. Tout accepter ou paramétrer vos choix.",
        related=("Lire aussi", ["Transport aérien : les prix des billets s'envolent",
                                 "Aéroport : les travaux du terminal 2 reportés"]),
        newsletter="Recevez chaque matin l'essentiel de l'actualité régionale dans votre boîte "
                   "mail. Je m'inscris à la newsletter",
        share="Partager sur Facebook, Partager sur X, Envoyer par courriel",
        sidebar=("Les plus lus", ["Mistral : vigilance orange dans les Bouches-du-Rhône",
                                  "Le marché de Noël ouvre ses portes vendredi"]),
        comments=["Encore une grève pendant les vacances, c'est toujours les mêmes qui paient.",
                  "Les contrôleurs ont raison, le manque d'effectifs est réel."],
        copyright="Tous droits réservés", published="Publié le", updated="Mis à jour le",
        written="{d:02d}/{m:02d}/{y} à {H:02d}h{M:02d}", encodings=["utf-8", "iso-8859-1"],
    ),
    "es": dict(
        site="Diario del Levante", menu=["Portada", "Nacional", "Economía", "Deportes"],
        headline="El Gobierno aprueba la reforma de la ley de vivienda",
        paragraphs=[
            "El Consejo de Ministros aprobó el martes la reforma de la ley de vivienda, que "
            "limita la subida de los alquileres en las zonas tensionadas.",
            "La ministra defendió que la norma protegerá a más de un millón de inquilinos. La "
            "oposición anunció un recurso ante el Tribunal Constitucional.",
            "Las asociaciones de propietarios advierten de que la oferta de pisos en alquiler "
            "podría reducirse en las grandes ciudades.",
        ],
        cookie="Utilizamos cookies propias y de terceros para mejorar nuestros servicios. "
               "Aceptar todas o configurar.",
        related=("Noticias relacionadas", ["Los alquileres suben un nueve por ciento en Valencia",
                                            "Cómo solicitar el bono de alquiler joven"]),
        newsletter="Suscríbete a nuestro boletín y recibe cada mañana las noticias más "
                   "importantes del día en tu correo",
        share="Compartir en Facebook, Compartir en X, Enviar por WhatsApp",
        sidebar=("Lo más leído", ["Alerta amarilla por lluvias en la Comunidad Valenciana",
                                  "El Valencia ficha a un delantero argentino"]),
        comments=["Otra ley que no soluciona nada, lo que falta es construir vivienda pública.",
                  "Por fin alguien piensa en los inquilinos."],
        copyright="Todos los derechos reservados", published="Publicado el",
        updated="Actualizado el", written="{d:02d}/{m:02d}/{y} {H:02d}:{M:02d}",
        encodings=["utf-8", "utf-8-stray"],
    ),
    "it": dict(
        site="Gazzetta del Lago", menu=["Home", "Cronaca", "Politica", "Sport"],
        headline="Nuovo ospedale di Como, via libera dalla Regione",
        paragraphs=[
            "La giunta regionale ha approvato ieri il progetto definitivo del nuovo ospedale "
            "di Como, che avrà quattrocento posti letto.",
            "L'investimento complessivo è di 280 milioni di euro. I lavori dovrebbero iniziare "
            "entro la fine del prossimo anno e durare cinque anni.",
            "Il sindaco ha parlato di una giornata storica per la città e per tutta la provincia.",
        ],
        cookie="Questo sito utilizza cookie tecnici e di profilazione. Accetta tutti oppure "
               "gestisci le preferenze.",
        related=("Leggi anche", ["Sanità, mancano medici nei pronto soccorso lombardi",
                                  "Como, chiusa la galleria per lavori notturni"]),
        newsletter="Iscriviti alla newsletter: ogni mattina le notizie del territorio nella "
                   "tua casella di posta",
        share="Condividi su Facebook, Condividi su X, Invia su WhatsApp",
        sidebar=("I più letti", ["Lago in secca, il livello più basso da dieci anni",
                                 "Mercatini di Natale, ecco gli orari"]),
        comments=["Speriamo che questa volta i tempi vengano rispettati.",
                  "Finalmente una buona notizia per la sanità comasca."],
        copyright="Tutti i diritti riservati", published="Pubblicato il",
        updated="Aggiornato il", written="{d:02d}/{m:02d}/{y} ore {H:02d}:{M:02d}",
        encodings=["utf-8", "utf-8-read-as-cp1252"],
    ),
    "en": dict(
        site="The Northern Ledger", menu=["Home", "News", "Business", "Sport"],
        headline="Council approves flood defences for the river valley",
        paragraphs=[
            "The county council has approved a 40 million pound scheme to protect three "
            "villages in the river valley from flooding.",
            "Engineers will raise the embankments by a metre and build two storage basins "
            "upstream. Work is due to start next spring and last three years.",
            "Residents who were flooded twice in five years welcomed the decision but said "
            "they would believe it when they saw the diggers.",
        ],
        cookie="We use cookies to give you the best experience on our website. Accept all "
               "cookies or manage your preferences.",
        related=("Related stories", ["Rainfall record broken as storms hit the north",
                                      "Insurers raise premiums for homes near rivers"]),
        newsletter="Sign up to our daily newsletter and get the top stories delivered to "
                   "your inbox every morning",
        share="Share this article on Facebook, Share on X, Share by email",
        sidebar=("Most read", ["Bus routes cut as operator blames driver shortage",
                               "Christmas lights switch-on draws record crowd"]),
        comments=["About time too, we have been asking for this for a decade.",
                  "Forty million and still nothing for the town centre."],
        copyright="All rights reserved", published="Published", updated="Updated",
        written="{month} {d}, {y} {H:02d}:{M:02d}", encodings=["utf-8", "utf-8"],
        months=["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"],
    ),
    "ru": dict(
        site="Вечерний Новосибирск", menu=["Главная", "Политика", "Экономика", "Спорт"],
        headline="В Новосибирске открыли новый мост через Обь",
        paragraphs=[
            "В Новосибирске в субботу открыли движение по новому мосту через Обь. Его длина "
            "составляет более полутора километров.",
            "Строительство моста обошлось в сорок миллиардов рублей и продолжалось четыре года. "
            "Мост должен разгрузить центральные улицы города.",
            "Губернатор заявил, что в часы пик время в пути между левым и правым берегом "
            "сократится почти вдвое.",
        ],
        cookie="Мы используем файлы cookie, чтобы сайт работал лучше. Продолжая пользоваться "
               "сайтом, вы соглашаетесь с этим.",
        related=("Читайте также", ["Пробки в центре города: мэрия меняет светофоры",
                                    "Ледовая переправа откроется в декабре"]),
        newsletter="Подпишитесь на нашу рассылку и получайте главные новости дня на "
                   "электронную почту",
        share="Поделиться во ВКонтакте, Поделиться в Telegram, Отправить по почте",
        sidebar=("Самое читаемое", ["Морозы до минус тридцати ожидаются на выходных",
                                    "В зоопарке родились два тигренка"]),
        comments=["Наконец-то, ждали этот мост десять лет.",
                  "Посмотрим, что будет с пробками через месяц."],
        copyright="Все права защищены", published="Опубликовано", updated="Обновлено",
        written="{d:02d}.{m:02d}.{y} {H:02d}:{M:02d}", encodings=["windows-1251", "koi8-r"],
    ),
    "ja": dict(
        site="北海道日報", menu=["トップ", "政治", "経済", "スポーツ"],
        headline="札幌で記録的な大雪　交通機関に大きな乱れ",
        paragraphs=[
            "札幌市では九日未明から雪が降り続き、二十四時間の降雪量が観測史上最多の六十センチに"
            "達した。",
            "鉄道各線で運転見合わせが相次ぎ、新千歳空港では百便以上が欠航した。市は除雪車を"
            "増やして対応している。",
            "気象台は十日にかけても大雪が続くおそれがあるとして、不要不急の外出を控えるよう"
            "呼びかけている。",
        ],
        cookie="当サイトではクッキーを使用しています。サイトの利用を続けることで、"
               "クッキーの使用に同意したものとみなされます。",
        related=("関連記事", ["除雪費用が過去最高に　市の補正予算", "雪まつりの準備始まる"]),
        newsletter="ニュースレターに登録すると、毎朝の主要ニュースをメールでお届けします。",
        share="フェイスブックでシェア、エックスでポスト、ラインで送る",
        sidebar=("アクセスランキング",
                 ["灯油価格が三週連続で値上がり", "旭山動物園で冬の特別公開"]),
        comments=["通勤に三時間かかりました。早く除雪してほしい。",
                  "毎年のことですが今年はひどいですね。"],
        copyright="無断転載を禁じます", published="公開", updated="更新",
        written="{y}年{m}月{d}日 {H:02d}:{M:02d}", encodings=["shift_jis", "euc-jp"],
    ),
    "zh": dict(
        site="江南日报", menu=["首页", "时政", "财经", "体育"],
        headline="杭州地铁三号线北延段今日开通运营",
        paragraphs=[
            "杭州地铁三号线北延段今天上午正式开通运营，新增车站五座，线路全长十二公里。",
            "据介绍，北延段开通后，从城北到市中心的通勤时间将缩短二十分钟。首日客流量超过"
            "八万人次。",
            "市交通部门表示，年底前还将有两条新线路投入运营，全市地铁总里程将突破五百公里。",
        ],
        cookie="本网站使用cookie以改善您的浏览体验。继续浏览即表示您同意我们使用cookie。",
        related=("相关阅读", ["杭州公交线路调整方案公布", "城北新区规划获批"]),
        newsletter="订阅我们的新闻简报，每天早上把重要新闻发送到您的邮箱",
        share="分享到微信、分享到微博、复制链接",
        sidebar=("热门文章", ["寒潮来袭，本周末气温骤降", "西湖边新开一家博物馆"]),
        comments=["终于开通了，上班方便多了。", "希望早高峰能多加几趟车。"],
        copyright="版权所有", published="发布时间", updated="更新时间",
        written="{y}年{m}月{d}日 {H:02d}:{M:02d}", encodings=["gb2312", "utf-8"],
    ),
    "zh-tw": dict(
        site="臺灣新聞報", menu=["首頁", "政治", "財經", "體育"],
        headline="台北捷運環狀線北環段動工　預計八年後通車",
        paragraphs=[
            "台北捷運環狀線北環段今天舉行動工典禮，全長十五公里，共設十二座車站。",
            "市政府表示，北環段完工後，從新北市五股到台北市士林只需二十分鐘，可望紓解"
            "尖峰時段的交通壅塞。",
            "交通局長指出，工程經費約新台幣一千三百億元，由中央與地方共同負擔。",
        ],
        cookie="本網站使用cookie以提供更好的服務，繼續瀏覽即表示您同意我們的隱私權政策。",
        related=("延伸閱讀", ["新北公車路線調整　下月起實施", "機場捷運延伸線規劃出爐"]),
        newsletter="訂閱電子報，每天早上將重要新聞寄到您的信箱",
        share="分享到臉書、分享到LINE、複製連結",
        sidebar=("熱門新聞", ["颱風來襲　北部山區豪雨特報", "夜市美食節本週末登場"]),
        comments=["終於要動工了，希望不要延宕。", "八年太久了吧，住在五股的人等很久了。"],
        copyright="版權所有", published="發布時間", updated="更新時間",
        written="{y}年{m}月{d}日 {H:02d}:{M:02d}", encodings=["big5", "utf-8"],
    ),
    "ko": dict(
        site="부산일보사", menu=["홈", "정치", "경제", "스포츠"],
        headline="부산 북항 재개발 1단계 사업 마무리",
        paragraphs=[
            "부산 북항 재개발 1단계 사업이 착공 십오 년 만에 마무리됐다고 해양수산부가 밝혔다.",
            "친수공원과 오페라하우스 부지 등이 조성됐으며 시민들에게 단계적으로 개방될 예정이다. "
            "총사업비는 약 이조 사천억 원이다.",
            "부산시는 2단계 사업을 통해 철도 부지를 상업 지구로 바꿀 계획이라고 설명했다.",
        ],
        cookie="이 웹사이트는 더 나은 서비스 제공을 위해 쿠키를 사용합니다. 모두 허용 또는 설정.",
        related=("관련 기사", ["부산역 일대 교통 정체 심화", "해운대 해수욕장 새 단장"]),
        newsletter="뉴스레터를 구독하시면 매일 아침 주요 뉴스를 이메일로 보내 드립니다",
        share="페이스북 공유, 카카오톡 공유, 링크 복사",
        sidebar=("많이 본 뉴스", ["부산 아파트값 석 달째 하락", "겨울 바다 축제 개막"]),
        comments=["드디어 완공이네요. 주말에 가봐야겠습니다.", "십오 년은 너무 길었다."],
        copyright="무단 전재 및 재배포 금지", published="입력", updated="수정",
        written="{y}.{m:02d}.{d:02d} {H:02d}:{M:02d}", encodings=["euc-kr", "utf-8"],
    ),
    "ar": dict(
        site="صحيفة الخليج اليوم", menu=["الرئيسية", "سياسة", "اقتصاد", "رياضة"],
        headline="افتتاح أكبر محطة لتحلية المياه في المنطقة",
        paragraphs=[
            "افتتحت الحكومة اليوم أكبر محطة لتحلية مياه البحر في المنطقة بطاقة إنتاجية تبلغ "
            "مليون متر مكعب يوميا.",
            "وقال وزير الطاقة إن المحطة تعمل بالطاقة الشمسية جزئيا وستغطي احتياجات ثلاثة "
            "ملايين نسمة من مياه الشرب.",
            "وبلغت تكلفة المشروع نحو ملياري دولار واستغرق بناؤه ثلاث سنوات.",
        ],
        cookie="يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك. قبول الكل أو الإعدادات.",
        related=("اقرأ أيضا", ["ارتفاع أسعار الكهرباء في الصيف المقبل",
                               "خطة وطنية لترشيد استهلاك المياه"]),
        newsletter="اشترك في نشرتنا البريدية لتصلك أهم الأخبار كل صباح",
        share="شارك على فيسبوك، شارك على إكس، أرسل عبر واتساب",
        sidebar=("الأكثر قراءة", ["موجة حر تضرب البلاد الأسبوع المقبل",
                                  "افتتاح معرض الكتاب الدولي"]),
        comments=["مشروع رائع ونتمنى المزيد من هذه المشاريع.",
                  "المهم أن تنخفض فاتورة المياه على المواطن."],
        copyright="جميع الحقوق محفوظة", published="نشر في", updated="آخر تحديث",
        written="{d:02d}/{m:02d}/{y} {H:02d}:{M:02d}", encodings=["utf-8", "windows-1256"],
    ),
}
