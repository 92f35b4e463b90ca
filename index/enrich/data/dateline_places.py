"""Places a news dateline names (``NEW YORK, March 3 -``), for ``index.enrich.datelines``.

Data, not code: one line per city, ``CODE  Name | exonym | exonym ...``, written as a reader
would see it; names are folded (case, accents, dots, hyphens) when the table is loaded.

What is in ``CITIES``: the capitals of (nearly) every country, the world's big cities and
financial centres, the cities wire services date stories from, and the US cities the AP
stylebook lets stand alone in a dateline (every other US town is written ``CITY, State``, and
``REGIONS`` resolves the state). Historical spellings news archives use (Peking, Bombay,
Rangoon, Leningrad, Bonn) are listed with today's country.

Choices, written down once:

| name                                    | code | why                                        |
| --------------------------------------- | ---- | ------------------------------------------ |
| Santiago, Tripoli, Hyderabad, Valencia, | one  | the referent of a bare dateline in world   |
| Alexandria, Birmingham, Cambridge,      |      | news; ``CITY, State`` overrides (a region  |
| San Jose, Kingston, Georgetown          |      | after the comma always wins)               |
| Victoria, Hamilton, Cordoba, Salvador   | --   | no dominant referent: left out             |
| Monaco                                  | MC   | not Italian "Monaco (di Baviera)" = Munich |
| Jerusalem                               | IL   | as Reuters/AP datelines; East Jerusalem -- |
| Gaza, Ramallah                          | PS   | dateline place, as in country_tables       |
| United Nations, Vatican City            | --/VA | the UN is not a country                   |
"""

from __future__ import annotations

# fmt: off
CITIES = """
US  New York | New York City | Nueva York | Nova Iorque | Nowy Jork | Nova York | Нью-Йорк | Нью-Йорку | نيويورك | 纽约 | ニューヨーク | 뉴욕 | Νέα Υόρκη | ניו יורק
US  Washington | Washington D.C. | Washington DC | Waszyngton | Washingtonu | Вашингтон | واشنطن | 华盛顿 | ワシントン | 워싱턴 | Ουάσινγκτον | וושינגטון
US  Chicago | Chicagu | Чикаго | شيكاغو | 芝加哥 | シカゴ | 시카고
US  Los Angeles | Лос-Анджелес | لوس أنجلوس | 洛杉矶 | ロサンゼルス | 로스앤젤레스
US  Houston | Хьюстон | هيوستن | 休斯敦
US  San Francisco | Сан-Франциско | سان فرانسيسكو | 旧金山 | サンフランシスコ
US  Boston | Бостон | بوسطن | 波士顿
US  Atlanta | Атланта | أتلانتا
US  Miami | Майами | ميامي | 迈阿密
US  Dallas | Даллас | دالاس
US  Detroit | Детройт | ديترويت
US  Philadelphia | Филадельфия | فيلادلفيا
US  Seattle | Сиэтл | سياتل
US  Denver | Денвер
US  Baltimore | Балтимор
US  Cincinnati | Cleveland | Honolulu | Indianapolis | Las Vegas | Лас-Вегас
US  Milwaukee | Minneapolis | New Orleans | Новый Орлеан | Oklahoma City | Phoenix
US  Pittsburgh | Питтсбург | St. Louis | Saint Louis | Salt Lake City | San Antonio | San Diego
US  Kansas City | Silicon Valley | Wall Street | Palo Alto | Anchorage | Nashville
US  Austin | Charlotte | Jacksonville | Memphis | Omaha | Tulsa | Des Moines | Sacramento
US  Pentagon | Capitol Hill | Cape Canaveral | Hartford | Newark | Buffalo | Louisville
US  Portland | St. Paul | Saint Paul | Fort Worth | Oakland | Providence | Columbus | El Paso
US  Tucson | Albuquerque | Orlando | Tampa | Long Beach | Anaheim | Wichita | Fresno
US  Raleigh | Tallahassee | Harrisburg | Trenton | Baton Rouge | Little Rock | Boise | Annapolis
US  Albany | Virginia Beach | Arlington
CA  Ottawa | Оттава | أوتاوا | 渥太华
CA  Toronto | Торонто | تورونتو | 多伦多 | トロント
CA  Montreal | Montréal | Монреаль | مونتريال | 蒙特利尔
CA  Vancouver | Ванкувер | فانكوفر | 温哥华
CA  Calgary | Edmonton | Winnipeg | Quebec City | Québec | Halifax | Regina | Saskatoon
MX  Mexico City | Ciudad de México | Mexiko-Stadt | Mexico | México | Mexiko | Мехико | مكسيكو سيتي
MX  Guadalajara | Monterrey | Tijuana | Cancún
GT  Guatemala City | Ciudad de Guatemala | Guatemala
SV  San Salvador
HN  Tegucigalpa
NI  Managua
CR  San José | San Jose
PA  Panama City | Ciudad de Panamá | Panamá
CU  Havana | La Habana | Havanna | La Havane | L'Avana | Hawana | Гавана | هافانا
JM  Kingston
HT  Port-au-Prince
DO  Santo Domingo
PR  San Juan
BS  Nassau
BB  Bridgetown
TT  Port of Spain
CO  Bogota | Bogotá | Bogota D.C. | Богота | Medellín | Cali | Cartagena
VE  Caracas | Каракас | كاراكاس | Maracaibo
EC  Quito | Guayaquil
PE  Lima | Лима
BO  La Paz | Sucre | Santa Cruz de la Sierra
CL  Santiago | Santiago de Chile | Сантьяго | Valparaíso
AR  Buenos Aires | Буэнос-Айрес | بوينس آيرس | 布宜诺斯艾利斯 | Rosario
UY  Montevideo | Монтевидео
PY  Asunción | Asuncion
BR  Brasilia | Brasília | Бразилиа | برازيليا
BR  Sao Paulo | São Paulo | Сан-Паулу | ساو باولو | 圣保罗
BR  Rio de Janeiro | Rio | Рио-де-Жанейро | ريو دي جانيرو
BR  Belo Horizonte | Porto Alegre | Recife | Manaus | Curitiba
GY  Georgetown
SR  Paramaribo
GB  London | Londres | Londra | Londyn | Londen | Londýn | Lontoo | Londra | Лондон | لندن | 伦敦 | ロンドン | 런던 | Λονδίνο | לונדון | Londër
GB  Manchester | Birmingham | Liverpool | Edinburgh | Édimbourg | Edimburgo | Эдинбург
GB  Glasgow | Belfast | Cardiff | Leeds | Bristol | Cambridge | Oxford | Aberdeen
GB  Westminster | Downing Street | City of London
IE  Dublin | Dublín | Dublino | Дублин | دبلن | Cork
FR  Paris | París | Parigi | Paryż | Parijs | Paříž | Pariisi | Париж | باريس | 巴黎 | パリ | 파리 | Παρίσι | פריז
FR  Marseille | Marseilles | Marsella | Marsiglia | Марсель
FR  Lyon | Lyons | Lione | Лион | Toulouse | Bordeaux | Nice | Nizza | Strasbourg | Straßburg
FR  Lille | Nantes | Montpellier | Rennes
BE  Brussels | Bruxelles | Brüssel | Bruselas | Bruxelas | Bruksela | Brussel | Brusel | Брюссель | بروكسل | 布鲁塞尔 | ブリュッセル | Βρυξέλλες
BE  Antwerp | Antwerpen | Anvers | Amberes | Ghent | Gent | Gand | Liège | Lüttich
NL  Amsterdam | Ámsterdam | Амстердам | أمستردام
NL  The Hague | Den Haag | La Haye | La Haya | L'Aia | Haga | Гаага | لاهاي
NL  Rotterdam | Роттердам | Utrecht | Eindhoven
LU  Luxembourg | Luxemburg | Luxemburgo | Lussemburgo | Luksemburg | Люксембург
DE  Berlin | Berlín | Berlino | Berlim | Berlijn | Берлин | Берлін | برلين | 柏林 | ベルリン | 베를린 | Βερολίνο | West Berlin | East Berlin | Ost-Berlin | West-Berlin
DE  Bonn | Бонн | Frankfurt | Frankfurt am Main | Francfort | Fráncfort | Francoforte | Франкфурт | فرانكفورت | 法兰克福
DE  Munich | München | Muenchen | Múnich | Monaco di Baviera | Monachium | Mnichov | Мюнхен | ميونخ | 慕尼黑
DE  Hamburg | Hambourg | Hamburgo | Amburgo | Гамбург | Cologne | Köln | Koeln | Colonia | Kolonia | Кёльн
DE  Düsseldorf | Duesseldorf | Dusseldorf | Stuttgart | Hannover | Hanover | Leipzig | Dresden | Dresde | Bremen
DE  Wiesbaden | Karlsruhe | Nuremberg | Nürnberg | Mainz | Essen | Dortmund | Potsdam
CH  Bern | Berne | Berna | Берн | Zurich | Zürich | Zuerich | Zúrich | Zurigo | Цюрих | زيورخ
CH  Geneva | Genève | Genf | Ginebra | Ginevra | Genebra | Genewa | Женева | جنيف | 日内瓦 | ジュネーブ
CH  Basel | Basle | Bâle | Basilea | Lausanne | Lugano | Davos
AT  Vienna | Wien | Vienne | Viena | Wiedeń | Vídeň | Вена | Відень | فيينا | 维也纳 | ウィーン | Βιέννη | Salzburg | Graz | Linz | Innsbruck
IT  Rome | Roma | Rom | Rzym | Řím | Рим | روما | 罗马 | ローマ | 로마 | Ρώμη
IT  Milan | Milano | Mailand | Milán | Mediolan | Милан | ميلانو | 米兰
IT  Naples | Napoli | Neapel | Turin | Torino | Florence | Firenze | Florenz | Venice | Venezia | Venedig | Venise | Genoa | Genova | Bologna | Palermo
VA  Vatican City | Vatican | Vatikan | Vaticano | Città del Vaticano | Watykan | Ватикан | الفاتيكان
SM  San Marino
MC  Monaco | Monte Carlo
ES  Madrid | Мадрид | مدريد | 马德里 | マドリード | Barcelona | Barcelone | Барселона | برشلونة
ES  Seville | Sevilla | Séville | Valencia | Valence | Bilbao | Málaga | Zaragoza | Saragossa | Palma
PT  Lisbon | Lisboa | Lissabon | Lisbonne | Lisbona | Lizbona | Лиссабон | لشبونة | Porto | Oporto
AD  Andorra la Vella
MT  Valletta
GR  Athens | Athènes | Athen | Atenas | Atene | Ateny | Афины | أثينا | Αθήνα | Thessaloniki | Salonika
CY  Nicosia | Nikosia | Nicosie | Никосия | نيقوسيا | Λευκωσία | Limassol | Larnaca
TR  Ankara | Анкара | أنقرة | Istanbul | İstanbul | Stambuł | Стамбул | إسطنبول | 伊斯坦布尔 | Izmir | İzmir | Constantinople
DK  Copenhagen | København | Kopenhagen | Copenhague | Copenaghen | Kopenhaga | Копенгаген | كوبنهاغن
SE  Stockholm | Estocolmo | Stoccolma | Sztokholm | Стокгольм | ستوكهولم | Gothenburg | Göteborg
NO  Oslo | Осло | أوسلو | Bergen | Stavanger
FI  Helsinki | Helsingfors | Хельсинки | هلسنكي
IS  Reykjavik | Reykjavík | Рейкьявик
EE  Tallinn | Таллин
LV  Riga | Rīga | Рига
LT  Vilnius | Wilno | Вильнюс
PL  Warsaw | Warszawa | Warschau | Varsovie | Varsovia | Varsavia | Varšava | Варшава | وارسو
PL  Krakow | Kraków | Krakau | Cracovie | Gdansk | Gdańsk | Danzig | Wroclaw | Wrocław | Poznan | Poznań | Łódź | Lodz
CZ  Prague | Praha | Prag | Praga | Прага | براغ | Brno
SK  Bratislava | Pressburg | Братислава
HU  Budapest | Budapeszt | Будапешт | بودابست
SI  Ljubljana | Laibach
HR  Zagreb | Загреб
BA  Sarajevo | Sarajewo | Сараево
RS  Belgrade | Belgrad | Belgrado | Beograd | Белград | Београд | بلغراد
ME  Podgorica
XK  Pristina | Priština | Prishtina
MK  Skopje | Skopie | Скопье
AL  Tirana | Tiranë
BG  Sofia | Sofija | Sofía | София
RO  Bucharest | București | Bukarest | Bucarest | Bukareszt | Бухарест | بوخارست
MD  Chisinau | Chișinău | Kischinau | Кишинёв | Кишинев
UA  Kyiv | Kiev | Kijów | Kiew | Kyjiw | Kijev | Київ | Киев | كييف | 基辅 | キーウ
UA  Kharkiv | Kharkov | Charkiw | Харків | Харьков | Odesa | Odessa | Одеса | Одесса | Lviv | Lwów | Lemberg | Львів | Львов
BY  Minsk | Мінск | Минск | Gomel | Гомель
RU  Moscow | Moskau | Moscou | Moscú | Mosca | Moscovo | Moskwa | Moskva | Moskou | Москва | Москви | Москви | موسكو | 莫斯科 | モスクワ | 모스크바 | Μόσχα | מוסקבה
RU  St. Petersburg | Saint Petersburg | Sankt Petersburg | Saint-Pétersbourg | San Petersburgo | San Pietroburgo | Petersburg | Санкт-Петербург | Петербург | Leningrad | Ленинград
RU  Vladivostok | Владивосток | Novosibirsk | Новосибирск | Yekaterinburg | Екатеринбург | Kaliningrad | Калининград | Sochi | Сочи
RU  Kazan | Казань | Nizhny Novgorod | Нижний Новгород | Murmansk | Мурманск | Grozny | Грозный | Rostov-on-Don | Ростов-на-Дону
GE  Tbilisi | Tiflis | Тбилиси
AM  Yerevan | Eriwan | Erevan | Ереван
AZ  Baku | Bakou | Баку | باكو
KZ  Astana | Nur-Sultan | Almaty | Alma-Ata | Астана | Алматы
UZ  Tashkent | Taschkent | Ташкент
TM  Ashgabat | Ашхабад
KG  Bishkek | Бишкек
TJ  Dushanbe | Душанбе
MN  Ulaanbaatar | Ulan Bator | Улан-Батор
CN  Beijing | Peking | Pékin | Pekín | Pechino | Pequim | Pekin | Пекин | بكين | 北京 | ペキン | 베이징
CN  Shanghai | Schanghai | Xangai | Szanghaj | Шанхай | شنغهاي | 上海
CN  Guangzhou | Canton | Shenzhen | 广州 | 深圳 | Chongqing | Wuhan | Tianjin | Chengdu | Nanjing | Xi'an | Hangzhou
CN  Shenyang | Harbin | Xiamen | Lhasa | Urumqi | Ürümqi | 重庆 | 武汉 | 天津 | 成都 | 南京 | 杭州
HK  Hong Kong | Hongkong | Гонконг | هونغ كونغ | 香港
MO  Macau | Macao | 澳门
TW  Taipei | Taipeh | Тайбэй | تايبيه | 台北 | Kaohsiung
JP  Tokyo | Tokio | Tokyō | Токио | طوكيو | 东京 | 東京 | 도쿄 | Τόκιο
JP  Osaka | Осака | 大阪 | Kyoto | Nagoya | Yokohama | Kobe | Hiroshima | Fukuoka | Sapporo
KR  Seoul | Séoul | Seúl | Сеул | سيول | 首尔 | ソウル | 서울 | Busan | Pusan
KP  Pyongyang | Pjöngjang | Pyongyang | Pionyang | Пхеньян | بيونغ يانغ | 平壤 | 평양
VN  Hanoi | Hanói | Ханой | هانوي | 河内 | Ho Chi Minh City | Saigon | Сайгон
TH  Bangkok | Bangkoku | Бангкок | بانكوك | 曼谷 | กรุงเทพ
PH  Manila | Manille | Манила | مانيلا | 马尼拉 | Quezon City | Makati | Cebu
MY  Kuala Lumpur | Куала-Лумпур | كوالالمبور | 吉隆坡 | Putrajaya
SG  Singapore | Singapur | Singapour | Singapura | Сингапур | سنغافورة | 新加坡 | シンガポール
ID  Jakarta | Djakarta | Yakarta | Giacarta | Dżakarta | Джакарта | جاكرتا | 雅加达 | Surabaya | Bali | Denpasar
MM  Yangon | Rangoon | Naypyidaw | Naypyitaw | Mandalay
KH  Phnom Penh | Пномпень
LA  Vientiane
BN  Bandar Seri Begawan
TL  Dili
IN  New Delhi | Delhi | Neu-Delhi | New Dehli | Nueva Delhi | Nuova Delhi | Nowe Delhi | Нью-Дели | Дели | نيودلهي | 新德里 | नई दिल्ली
IN  Mumbai | Bombay | Bombaim | Мумбаи | 孟买 | मुंबई | Kolkata | Calcutta | Chennai | Madras | Bangalore | Bengaluru
IN  Hyderabad | Ahmedabad | Pune | Srinagar | Lucknow | Jaipur
PK  Islamabad | Исламабад | إسلام أباد | Karachi | Karatschi | Карачи | كراتشي | Lahore | Peshawar | Quetta | Rawalpindi
BD  Dhaka | Dacca | Дакка | داكا | Chittagong
LK  Colombo | Коломбо
NP  Kathmandu | Katmandu | Катманду
BT  Thimphu
MV  Malé
AF  Kabul | Kaboul | Кабул | كابول | Kandahar | Herat
IR  Tehran | Teheran | Téhéran | Teherán | Teerã | Тегеран | طهران | 德黑兰 | Isfahan
IQ  Baghdad | Bagdad | Bagdá | Багдад | بغداد | Basra | Mosul | Erbil | Arbil
SY  Damascus | Damaskus | Damas | Damasco | Damaszek | Дамаск | دمشق | Aleppo | Alep | Алеппо | حلب
LB  Beirut | Beyrouth | Beirute | Bejrut | Бейрут | بيروت
JO  Amman | Амман | عمان
IL  Jerusalem | Jérusalem | Jerusalén | Gerusalemme | Jerozolima | Иерусалим | القدس | ירושלים | Tel Aviv | Тель-Авив | تل أبيب | תל אביב | Haifa
PS  Gaza | Gaza City | غزة | Ramallah | رام الله
SA  Riyadh | Riad | Riyad | Rijad | Эр-Рияд | الرياض | 利雅得 | Jeddah | Jidda | Dschidda | جدة | Mecca | Mekka | مكة
KW  Kuwait City | Kuwait | Koweït | Kuwejt | الكويت
BH  Manama | المنامة | Bahrain
QA  Doha | Доха | الدوحة
AE  Abu Dhabi | Abou Dhabi | Абу-Даби | أبوظبي | أبو ظبي | Dubai | Dubaï | Дубай | دبي | 迪拜
OM  Muscat | Maskat | Mascate | مسقط
YE  Sanaa | Sana'a | Saná | صنعاء | Aden | عدن
EG  Cairo | Kairo | Le Caire | El Cairo | Il Cairo | Kair | Каир | القاهرة | 开罗 | Alexandria | Alexandrie | Alejandría | الإسكندرية
LY  Tripoli | Tripolis | Trípoli | Триполи | طرابلس | Benghazi | بنغازي
TN  Tunis | Тунис | تونس
DZ  Algiers | Algier | Alger | Argel | Algeri | Алжир | الجزائر
MA  Rabat | Рабат | الرباط | Casablanca | Касабланка | الدار البيضاء | Marrakesh | Marrakech
SD  Khartoum | Khartum | Jartum | Хартум | الخرطوم
SS  Juba
ET  Addis Ababa | Addis Abeba | Аддис-Абеба | أديس أبابا
ER  Asmara
DJ  Djibouti | Dschibuti | Yibuti | جيبوتي
SO  Mogadishu | Mogadischu | Mogadiscio | Mogadiscio | Могадишо | مقديشو
KE  Nairobi | Найроби | نيروبي | Mombasa
UG  Kampala | Кампала
TZ  Dar es Salaam | Daressalam | Dodoma
RW  Kigali
BI  Bujumbura | Gitega
CD  Kinshasa | Киншаса | Goma | Lubumbashi
CG  Brazzaville
GA  Libreville
CM  Yaounde | Yaoundé | Douala
CF  Bangui
TD  N'Djamena | Ndjamena
NG  Abuja | Lagos | Лагос | Kano
NE  Niamey
ML  Bamako
BF  Ouagadougou
SN  Dakar | Дакар
GM  Banjul
GN  Conakry
SL  Freetown
LR  Monrovia
CI  Abidjan | Yamoussoukro
GH  Accra | Akkra
TG  Lome | Lomé
BJ  Cotonou | Porto-Novo
MR  Nouakchott
AO  Luanda
ZM  Lusaka
ZW  Harare | Bulawayo
MW  Lilongwe | Blantyre
MZ  Maputo
ZA  Johannesburg | Johannesburgo | Йоханнесбург | جوهانسبرغ | Pretoria | Pretória | Претория | Cape Town | Kapstadt | Le Cap | Ciudad del Cabo | Città del Capo | Кейптаун | Durban | Soweto
NA  Windhoek
BW  Gaborone
LS  Maseru
SZ  Mbabane
MG  Antananarivo | Tananarive
MU  Port Louis
SC  Mahe
AU  Canberra | Канберра | كانبرا | Sydney | Sídney | Сидней | سيدني | 悉尼 | シドニー | Melbourne | Мельбурн
AU  Brisbane | Perth | Adelaide | Darwin | Hobart
UA  Donetsk | Донецьк | Донецк | Dnipro | Дніпро | Zaporizhzhia | Запоріжжя | Kherson | Херсон | Mariupol | Маріуполь
SY  Homs | حمص | Raqqa | الرقة | Idlib | إدلب
IQ  Kirkuk | كركوك | Najaf | النجف | Fallujah | الفلوجة
IR  Mashhad | مشهد | Shiraz | شيراز | Tabriz | تبريز
TR  Antalya | Bursa | Adana | Diyarbakir | Diyarbakır | Gaziantep
SA  Dammam | الدمام | Medina | المدينة المنورة
YE  Hodeidah | الحديدة | Marib | مأرب
LY  Misrata | مصراتة
EG  Port Said | بورسعيد | Luxor | الأقصر | Sharm el-Sheikh | شرم الشيخ | Suez | السويس
SD  Omdurman | أم درمان | Port Sudan | بورتسودان
NG  Ibadan | Port Harcourt | Maiduguri
ET  Mekelle
AF  Mazar-i-Sharif | Jalalabad
PH  Davao
ID  Bandung | Medan | Makassar | Yogyakarta
VN  Da Nang | Haiphong | Hai Phong
TH  Chiang Mai | Phuket | Pattaya
MY  Penang | Johor Bahru
JP  Sendai | Fukushima | Naha | Okinawa | 大阪市 | 京都 | 名古屋 | 横浜 | 広島
KR  Incheon | Daegu | Gwangju | 부산 | 인천
TW  Taichung | Tainan
BR  Fortaleza | Belém | Santos | Campinas
AR  Mendoza
MX  Puebla | Acapulco | Ciudad Juárez | Veracruz
PE  Cusco | Cuzco | Arequipa
IT  Bari | Catania | Trieste | Verona
ES  Alicante | Las Palmas
FR  Le Havre | Calais | Cannes | Ajaccio
GB  Sheffield | Southampton | Nottingham
IE  Limerick | Galway
SE  Malmo | Malmö | Uppsala
DK  Aarhus | Århus
NO  Trondheim
FI  Tampere | Turku | Åbo
CZ  Ostrava
HU  Debrecen
RO  Cluj | Cluj-Napoca | Timisoara | Timișoara | Constanta | Constanța
BG  Plovdiv | Varna
GR  Piraeus | Pireas | Heraklion | Patras
RS  Novi Sad
HR  Dubrovnik
LT  Kaunas
EE  Tartu
NZ  Wellington | Веллингтон | ويلينغتون | Auckland | Окленд | Christchurch
PG  Port Moresby
FJ  Suva
"""

# State, province or country after the city (``PORTLAND, Ore.``, ``LONDON, Ontario``): it
# decides the country, so ``PARIS, Texas`` is US. Written with AP and postal abbreviations.
# A key in several lines (Georgia: US state and GE country; WA: Washington and Western
# Australia) is ambiguous: the city's own country is kept if the region allows it.
REGIONS = """
US  Alabama | Ala. | AL | Alaska | AK | Arizona | Ariz. | AZ | Arkansas | Ark. | AR
US  California | Calif. | Cal. | CA | Colorado | Colo. | CO | Connecticut | Conn. | CT
US  Delaware | Del. | DE | District of Columbia | D.C. | Florida | Fla. | FL | Georgia | Ga. | GA
US  Hawaii | HI | Idaho | ID | Illinois | Ill. | IL | Indiana | Ind. | IN | Iowa | IA
US  Kansas | Kan. | Kans. | KS | Kentucky | Ky. | KY | Louisiana | La. | LA | Maine | ME
US  Maryland | Md. | MD | Massachusetts | Mass. | MA | Michigan | Mich. | MI
US  Minnesota | Minn. | MN | Mississippi | Miss. | MS | Missouri | Mo. | MO | Montana | Mont. | MT
US  Nebraska | Neb. | Nebr. | NE | Nevada | Nev. | NV | New Hampshire | N.H. | NH
US  New Jersey | N.J. | NJ | New Mexico | N.M. | N.Mex. | NM | New York | N.Y. | NY
US  North Carolina | N.C. | NC | North Dakota | N.D. | ND | Ohio | OH | Oklahoma | Okla. | OK
US  Oregon | Ore. | Oreg. | OR | Pennsylvania | Pa. | Penn. | PA | Rhode Island | R.I. | RI
US  South Carolina | S.C. | SC | South Dakota | S.D. | SD | Tennessee | Tenn. | TN
US  Texas | Tex. | TX | Utah | UT | Vermont | Vt. | VT | Virginia | Va. | VA
US  Washington | Wash. | WA | West Virginia | W.Va. | W. Va. | WV | Wisconsin | Wis. | Wisc. | WI
US  Wyoming | Wyo. | WY | USA | U.S. | U.S.A.
CA  Ontario | Ont. | ON | Quebec | Québec | Que. | QC | British Columbia | B.C. | BC
CA  Alberta | Alta. | AB | Manitoba | Man. | MB | Saskatchewan | Sask. | SK | Nova Scotia | N.S. | NS
CA  New Brunswick | N.B. | NB | Newfoundland | Nfld. | NL | Prince Edward Island | P.E.I. | PE
CA  Yukon | YT | Northwest Territories | N.W.T. | NT | Nunavut | NU
AU  New South Wales | N.S.W. | NSW | Victoria | Vic. | Queensland | Qld. | Western Australia | W.A. | WA
AU  South Australia | S.A. | Tasmania | Tas. | Northern Territory | N.T. | NT | A.C.T.
GE  Georgia
"""

# Cities that are also country names resolve through ``CITIES``; a region that is a country
# (``BONN, West Germany``, ``MOSKAU, Russland``) resolves through the country gazetteer.
