"""The demo's page words in every family language: draft translations awaiting review.

Keyed by the English text of each segment wagtail-localize extracts from a page, as a
translation memory is. Town pages share sentences with the town's name in them. Names of
places, hubs, the service and the council stay as they are written on the building; so do
phone numbers and ages.
"""

from collections.abc import Iterable

LANGUAGES = ("pl", "ur", "pa", "bn", "ro")

# English search descriptions (Wagtail's "search_description", on the Promote tab).
SEARCH_DESCRIPTIONS = {
    "home": "Ask Sandwell's early help team for free support for your family, before things "
    "get harder.",
    "get-help-now": "Phone numbers to call today if you or a child need help, or are in danger.",
    "ask-for-help": "Ask for early help for your family, or for yourself if you are 11 to 17. "
    "It takes about 10 minutes.",
    "feedback": "Tell us what your worker is like. It takes about 3 minutes and you can stay "
    "anonymous.",
    "you-said-we-did": "What children, young people and families told us about their workers, "
    "and what we changed.",
    "what-is-early-help": "What early help is, who it is for, and how one worker helps your "
    "whole family.",
    "privacy": "How Family Voice uses, shares and deletes the information you give us.",
    "accessibility": "How accessible this website is, and how to tell us about a problem.",
    "locality": "Phone, family hubs and opening hours of the early help team in {town}.",
}

PAGES = {
    "Get early help for your family": {
        "pl": "Wczesna pomoc dla Twojej rodziny",
        "ur": "اپنے خاندان کے لیے جلد مدد حاصل کریں",
        "pa": "ਆਪਣੇ ਪਰਿਵਾਰ ਲਈ ਛੇਤੀ ਮਦਦ ਲਓ",
        "bn": "আপনার পরিবারের জন্য আগেভাগে সাহায্য নিন",
        "ro": "Primește ajutor din timp pentru familia ta",
    },
    "Family Voice is how families, children and young people in Sandwell ask for help early, "
    "before things get harder. It is free and you do not need a referral.": {
        "pl": "Family Voice to miejsce, w którym rodziny, dzieci i młodzież z Sandwell mogą "
        "poprosić o pomoc, zanim sprawy się pogorszą. Pomoc jest bezpłatna i nie potrzebujesz "
        "skierowania.",
        "ur": "فیملی وائس کے ذریعے سینڈویل کے خاندان، بچے اور نوجوان مشکلات بڑھنے سے پہلے مدد "
        "مانگ سکتے ہیں۔ یہ مفت ہے اور آپ کو کسی ریفرل کی ضرورت نہیں۔",
        "pa": "Family Voice ਰਾਹੀਂ Sandwell ਦੇ ਪਰਿਵਾਰ, ਬੱਚੇ ਅਤੇ ਨੌਜਵਾਨ ਮੁਸ਼ਕਲਾਂ ਵਧਣ ਤੋਂ ਪਹਿਲਾਂ "
        "ਮਦਦ ਮੰਗ ਸਕਦੇ ਹਨ। ਇਹ ਮੁਫ਼ਤ ਹੈ ਅਤੇ ਤੁਹਾਨੂੰ ਕਿਸੇ ਰੈਫ਼ਰਲ ਦੀ ਲੋੜ ਨਹੀਂ।",
        "bn": "Family Voice-এর মাধ্যমে Sandwell-এর পরিবার, শিশু ও তরুণেরা সমস্যা বাড়ার আগেই "
        "সাহায্য চাইতে পারে। এটি বিনামূল্যে, এবং কারও রেফারেলের দরকার নেই।",
        "ro": "Prin Family Voice, familiile, copiii și tinerii din Sandwell pot cere ajutor din "
        "timp, înainte ca lucrurile să devină mai grele. Este gratuit și nu ai nevoie de o "
        "trimitere.",
    },
    "Tell us what is happening and what would help. Your town's early help team will contact "
    "you, in the way you say is safe.": {
        "pl": "Powiedz nam, co się dzieje i co mogłoby pomóc. Zespół wczesnej pomocy z Twojej "
        "miejscowości skontaktuje się z Tobą w sposób, który uznasz za bezpieczny.",
        "ur": "ہمیں بتائیں کہ کیا ہو رہا ہے اور کس چیز سے مدد ملے گی۔ آپ کے قصبے کی ابتدائی مدد "
        "کی ٹیم آپ سے اسی طریقے سے رابطہ کرے گی جو آپ محفوظ بتائیں گے۔",
        "pa": "ਸਾਨੂੰ ਦੱਸੋ ਕਿ ਕੀ ਹੋ ਰਿਹਾ ਹੈ ਅਤੇ ਕਿਹੜੀ ਚੀਜ਼ ਮਦਦ ਕਰੇਗੀ। ਤੁਹਾਡੇ ਸ਼ਹਿਰ ਦੀ ਸ਼ੁਰੂਆਤੀ "
        "ਮਦਦ ਟੀਮ ਤੁਹਾਡੇ ਨਾਲ ਉਸੇ ਤਰੀਕੇ ਨਾਲ ਸੰਪਰਕ ਕਰੇਗੀ ਜੋ ਤੁਸੀਂ ਸੁਰੱਖਿਅਤ ਦੱਸੋਗੇ।",
        "bn": "কী হচ্ছে এবং কীসে সাহায্য হবে, আমাদের বলুন। আপনার শহরের প্রাথমিক সহায়তা দল "
        "আপনার সঙ্গে সেভাবেই যোগাযোগ করবে, যেভাবে আপনি নিরাপদ বলবেন।",
        "ro": "Spune-ne ce se întâmplă și ce te-ar ajuta. Echipa de sprijin timpuriu din orașul "
        "tău te va contacta așa cum ne spui că este sigur.",
    },
    SEARCH_DESCRIPTIONS["home"]: {
        "pl": "Poproś zespół wczesnej pomocy w Sandwell o bezpłatne wsparcie dla Twojej "
        "rodziny, zanim sprawy się pogorszą.",
        "ur": "سینڈویل کی ابتدائی مدد کی ٹیم سے اپنے خاندان کے لیے مفت مدد مانگیں، اس سے پہلے "
        "کہ حالات مزید مشکل ہوں۔",
        "pa": "ਮੁਸ਼ਕਲਾਂ ਵਧਣ ਤੋਂ ਪਹਿਲਾਂ, Sandwell ਦੀ ਸ਼ੁਰੂਆਤੀ ਮਦਦ ਟੀਮ ਤੋਂ ਆਪਣੇ ਪਰਿਵਾਰ ਲਈ ਮੁਫ਼ਤ ਸਹਾਇਤਾ ਮੰਗੋ।",
        "bn": "সমস্যা বাড়ার আগেই Sandwell-এর প্রাথমিক সহায়তা দলের কাছে আপনার পরিবারের জন্য বিনামূল্যে সাহায্য চান।",
        "ro": "Cere echipei de sprijin timpuriu din Sandwell ajutor gratuit pentru familia ta, "
        "înainte ca lucrurile să devină mai grele.",
    },
    "Get help now": {
        "pl": "Pomoc od razu",
        "ur": "ابھی مدد حاصل کریں",
        "pa": "ਹੁਣੇ ਮਦਦ ਲਓ",
        "bn": "এখনই সাহায্য নিন",
        "ro": "Ajutor acum",
    },
    "If you need to talk to someone today, these numbers are answered by people who can help.": {
        "pl": "Jeśli musisz z kimś porozmawiać dzisiaj, pod tymi numerami odbiorą ludzie, "
        "którzy mogą pomóc.",
        "ur": "اگر آپ کو آج ہی کسی سے بات کرنی ہے تو ان نمبروں پر ایسے لوگ جواب دیتے ہیں جو مدد "
        "کر سکتے ہیں۔",
        "pa": "ਜੇ ਤੁਹਾਨੂੰ ਅੱਜ ਹੀ ਕਿਸੇ ਨਾਲ ਗੱਲ ਕਰਨ ਦੀ ਲੋੜ ਹੈ, ਤਾਂ ਇਹਨਾਂ ਨੰਬਰਾਂ 'ਤੇ ਉਹ ਲੋਕ "
        "ਜਵਾਬ ਦਿੰਦੇ ਹਨ ਜੋ ਮਦਦ ਕਰ ਸਕਦੇ ਹਨ।",
        "bn": "আজই কারও সঙ্গে কথা বলার দরকার হলে, এই নম্বরগুলোতে এমন মানুষ ফোন ধরেন যাঁরা সাহায্য করতে পারেন।",
        "ro": "Dacă ai nevoie să vorbești cu cineva astăzi, la aceste numere răspund oameni care "
        "te pot ajuta.",
    },
    SEARCH_DESCRIPTIONS["get-help-now"]: {
        "pl": "Numery telefonów, pod które możesz zadzwonić dzisiaj, jeśli Ty lub dziecko "
        "potrzebujecie pomocy albo jesteście w niebezpieczeństwie.",
        "ur": "وہ فون نمبر جن پر آپ آج ہی کال کر سکتے ہیں اگر آپ کو یا کسی بچے کو مدد کی ضرورت "
        "ہو یا خطرہ ہو۔",
        "pa": "ਅੱਜ ਹੀ ਕਾਲ ਕਰਨ ਲਈ ਫ਼ੋਨ ਨੰਬਰ, ਜੇ ਤੁਹਾਨੂੰ ਜਾਂ ਕਿਸੇ ਬੱਚੇ ਨੂੰ ਮਦਦ ਦੀ ਲੋੜ ਹੈ ਜਾਂ ਖ਼ਤਰਾ ਹੈ।",
        "bn": "আপনার বা কোনো শিশুর সাহায্য দরকার হলে বা বিপদ থাকলে আজই যে নম্বরগুলোতে ফোন করবেন।",
        "ro": "Numere de telefon la care poți suna astăzi dacă tu sau un copil aveți nevoie de "
        "ajutor sau sunteți în pericol.",
    },
    "Ask for early help": {
        "pl": "Poproś o wczesną pomoc",
        "ur": "ابتدائی مدد کے لیے کہیں",
        "pa": "ਸ਼ੁਰੂਆਤੀ ਮਦਦ ਮੰਗੋ",
        "bn": "প্রাথমিক সহায়তা চান",
        "ro": "Cere sprijin timpuriu",
    },
    "Parents, carers, other family members and young people aged 11 to 17 can ask for help "
    "here. It is free and you do not need anyone to refer you.": {
        "pl": "Rodzice, opiekunowie, inni członkowie rodziny i młodzież w wieku od 11 do 17 lat "
        "mogą tutaj poprosić o pomoc. To nic nie kosztuje i nikt nie musi Cię kierować.",
        "ur": "والدین، دیکھ بھال کرنے والے، خاندان کے دوسرے افراد اور 11 سے 17 سال کے نوجوان "
        "یہاں مدد مانگ سکتے ہیں۔ یہ مفت ہے اور آپ کو کسی کے ریفرل کی ضرورت نہیں۔",
        "pa": "ਮਾਪੇ, ਦੇਖਭਾਲ ਕਰਨ ਵਾਲੇ, ਪਰਿਵਾਰ ਦੇ ਹੋਰ ਜੀਅ ਅਤੇ 11 ਤੋਂ 17 ਸਾਲ ਦੇ ਨੌਜਵਾਨ ਇੱਥੇ "
        "ਮਦਦ ਮੰਗ ਸਕਦੇ ਹਨ। ਇਹ ਮੁਫ਼ਤ ਹੈ ਅਤੇ ਤੁਹਾਨੂੰ ਕਿਸੇ ਦੇ ਰੈਫ਼ਰ ਕਰਨ ਦੀ ਲੋੜ ਨਹੀਂ।",
        "bn": "মা-বাবা, দেখাশোনাকারী, পরিবারের অন্য সদস্য এবং 11 থেকে 17 বছর বয়সী তরুণেরা "
        "এখানে সাহায্য চাইতে পারে। এটি বিনামূল্যে, এবং কাউকে আপনাকে রেফার করতে হবে না।",
        "ro": "Părinții, îngrijitorii, alți membri ai familiei și tinerii între 11 și 17 ani pot "
        "cere ajutor aici. Este gratuit și nu ai nevoie să te trimită cineva.",
    },
    "It takes about 10 minutes. We will ask about you, your family, what is happening and how "
    "we can contact you safely.": {
        "pl": "Zajmie to około 10 minut. Zapytamy o Ciebie, Twoją rodzinę, o to, co się dzieje, "
        "i jak możemy bezpiecznie się z Tobą skontaktować.",
        "ur": "اس میں تقریباً 10 منٹ لگتے ہیں۔ ہم آپ کے بارے میں، آپ کے خاندان کے بارے میں، کیا "
        "ہو رہا ہے، اور ہم آپ سے محفوظ طریقے سے کیسے رابطہ کر سکتے ہیں، یہ پوچھیں گے۔",
        "pa": "ਇਸ ਵਿੱਚ ਲਗਭਗ 10 ਮਿੰਟ ਲੱਗਦੇ ਹਨ। ਅਸੀਂ ਤੁਹਾਡੇ ਬਾਰੇ, ਤੁਹਾਡੇ ਪਰਿਵਾਰ ਬਾਰੇ, ਕੀ ਹੋ "
        "ਰਿਹਾ ਹੈ, ਅਤੇ ਅਸੀਂ ਤੁਹਾਡੇ ਨਾਲ ਸੁਰੱਖਿਅਤ ਢੰਗ ਨਾਲ ਕਿਵੇਂ ਸੰਪਰਕ ਕਰ ਸਕਦੇ ਹਾਂ, ਇਹ ਪੁੱਛਾਂਗੇ।",
        "bn": "এতে প্রায় 10 মিনিট লাগে। আমরা আপনার সম্পর্কে, আপনার পরিবার সম্পর্কে, কী হচ্ছে, "
        "এবং কীভাবে নিরাপদে আপনার সঙ্গে যোগাযোগ করতে পারি, তা জানতে চাইব।",
        "ro": "Durează cam 10 minute. Te vom întreba despre tine, despre familia ta, despre ce se "
        "întâmplă și cum te putem contacta în siguranță.",
    },
    "Your answers are saved as you go. You can stop and carry on later, on this phone or "
    "another one.": {
        "pl": "Twoje odpowiedzi zapisują się na bieżąco. Możesz przerwać i dokończyć później, "
        "na tym telefonie lub innym.",
        "ur": "آپ کے جوابات ساتھ ساتھ محفوظ ہوتے جاتے ہیں۔ آپ رک کر بعد میں جاری رکھ سکتے ہیں، "
        "اسی فون پر یا کسی دوسرے فون پر۔",
        "pa": "ਤੁਹਾਡੇ ਜਵਾਬ ਨਾਲ-ਨਾਲ ਸੰਭਾਲੇ ਜਾਂਦੇ ਹਨ। ਤੁਸੀਂ ਰੁਕ ਕੇ ਬਾਅਦ ਵਿੱਚ ਜਾਰੀ ਰੱਖ ਸਕਦੇ "
        "ਹੋ, ਇਸੇ ਫ਼ੋਨ 'ਤੇ ਜਾਂ ਕਿਸੇ ਹੋਰ 'ਤੇ।",
        "bn": "আপনার উত্তরগুলো সঙ্গে সঙ্গে সংরক্ষিত হয়। আপনি থেমে পরে আবার চালিয়ে যেতে "
        "পারেন, এই ফোনে বা অন্য কোনো ফোনে।",
        "ro": "Răspunsurile tale se salvează pe parcurs. Poți să te oprești și să continui mai "
        "târziu, pe acest telefon sau pe altul.",
    },
    "If you are 11 to 17 you can ask for help yourself. You don't have to tell your parents or "
    "carers first.": {
        "pl": "Jeśli masz od 11 do 17 lat, możesz sam poprosić o pomoc. Nie musisz najpierw "
        "mówić rodzicom ani opiekunom.",
        "ur": "اگر آپ کی عمر 11 سے 17 سال ہے تو آپ خود مدد مانگ سکتے ہیں۔ پہلے اپنے والدین یا "
        "دیکھ بھال کرنے والوں کو بتانا ضروری نہیں۔",
        "pa": "ਜੇ ਤੁਹਾਡੀ ਉਮਰ 11 ਤੋਂ 17 ਸਾਲ ਹੈ ਤਾਂ ਤੁਸੀਂ ਆਪ ਮਦਦ ਮੰਗ ਸਕਦੇ ਹੋ। ਤੁਹਾਨੂੰ ਪਹਿਲਾਂ "
        "ਆਪਣੇ ਮਾਪਿਆਂ ਜਾਂ ਦੇਖਭਾਲ ਕਰਨ ਵਾਲਿਆਂ ਨੂੰ ਦੱਸਣ ਦੀ ਲੋੜ ਨਹੀਂ।",
        "bn": "তোমার বয়স 11 থেকে 17 হলে তুমি নিজেই সাহায্য চাইতে পারো। আগে মা-বাবা বা "
        "দেখাশোনাকারীদের বলতে হবে না।",
        "ro": "Dacă ai între 11 și 17 ani, poți cere ajutor singur. Nu trebuie să le spui mai "
        "întâi părinților sau îngrijitorilor.",
    },
    "A worker from your town's early help team will read your request and contact you to talk "
    "about what would help. One worker will stay with your family, so you will not have to tell "
    "your story again and again.": {
        "pl": "Pracownik zespołu wczesnej pomocy z Twojej miejscowości przeczyta Twoją prośbę i "
        "skontaktuje się z Tobą, żeby porozmawiać o tym, co mogłoby pomóc. Jedna osoba zostanie "
        "z Twoją rodziną, więc nie trzeba będzie opowiadać wszystkiego wciąż od nowa.",
        "ur": "آپ کے قصبے کی ابتدائی مدد کی ٹیم کا ایک کارکن آپ کی درخواست پڑھے گا اور آپ سے "
        "رابطہ کر کے بات کرے گا کہ کس چیز سے مدد ملے گی۔ ایک ہی کارکن آپ کے خاندان کے ساتھ رہے "
        "گا، تاکہ آپ کو اپنی بات بار بار نہ بتانی پڑے۔",
        "pa": "ਤੁਹਾਡੇ ਸ਼ਹਿਰ ਦੀ ਸ਼ੁਰੂਆਤੀ ਮਦਦ ਟੀਮ ਦਾ ਇੱਕ ਕਰਮਚਾਰੀ ਤੁਹਾਡੀ ਬੇਨਤੀ ਪੜ੍ਹੇਗਾ ਅਤੇ "
        "ਤੁਹਾਡੇ ਨਾਲ ਸੰਪਰਕ ਕਰਕੇ ਗੱਲ ਕਰੇਗਾ ਕਿ ਕਿਹੜੀ ਚੀਜ਼ ਮਦਦ ਕਰੇਗੀ। ਇੱਕੋ ਕਰਮਚਾਰੀ ਤੁਹਾਡੇ "
        "ਪਰਿਵਾਰ ਦੇ ਨਾਲ ਰਹੇਗਾ, ਤਾਂ ਜੋ ਤੁਹਾਨੂੰ ਆਪਣੀ ਗੱਲ ਵਾਰ-ਵਾਰ ਨਾ ਦੱਸਣੀ ਪਵੇ।",
        "bn": "আপনার শহরের প্রাথমিক সহায়তা দলের একজন কর্মী আপনার অনুরোধ পড়বেন এবং কীসে "
        "সাহায্য হবে তা নিয়ে কথা বলতে আপনার সঙ্গে যোগাযোগ করবেন। একজন কর্মীই আপনার পরিবারের "
        "সঙ্গে থাকবেন, তাই আপনাকে বারবার একই কথা বলতে হবে না।",
        "ro": "Un lucrător din echipa de sprijin timpuriu a orașului tău îți va citi cererea și "
        "te va contacta ca să vorbiți despre ce te-ar ajuta. Același lucrător va rămâne alături "
        "de familia ta, ca să nu fie nevoie să-ți spui povestea iar și iar.",
    },
    SEARCH_DESCRIPTIONS["ask-for-help"]: {
        "pl": "Poproś o wczesną pomoc dla rodziny albo dla siebie, jeśli masz od 11 do 17 lat. "
        "Zajmie to około 10 minut.",
        "ur": "اپنے خاندان کے لیے ابتدائی مدد مانگیں، یا اپنے لیے اگر آپ کی عمر 11 سے 17 سال "
        "ہے۔ اس میں تقریباً 10 منٹ لگتے ہیں۔",
        "pa": "ਆਪਣੇ ਪਰਿਵਾਰ ਲਈ ਸ਼ੁਰੂਆਤੀ ਮਦਦ ਮੰਗੋ, ਜਾਂ ਆਪਣੇ ਲਈ ਜੇ ਤੁਹਾਡੀ ਉਮਰ 11 ਤੋਂ 17 ਸਾਲ "
        "ਹੈ। ਇਸ ਵਿੱਚ ਲਗਭਗ 10 ਮਿੰਟ ਲੱਗਦੇ ਹਨ।",
        "bn": "আপনার পরিবারের জন্য প্রাথমিক সহায়তা চান, অথবা বয়স 11 থেকে 17 হলে নিজের "
        "জন্য। এতে প্রায় 10 মিনিট লাগে।",
        "ro": "Cere sprijin timpuriu pentru familia ta sau pentru tine, dacă ai între 11 și 17 "
        "ani. Durează cam 10 minute.",
    },
    "Tell us about your worker": {
        "pl": "Opowiedz nam o swoim pracowniku",
        "ur": "اپنے کارکن کے بارے میں بتائیں",
        "pa": "ਸਾਨੂੰ ਆਪਣੇ ਕਰਮਚਾਰੀ ਬਾਰੇ ਦੱਸੋ",
        "bn": "তোমার কর্মীর কথা আমাদের বলো",
        "ro": "Spune-ne despre lucrătorul tău",
    },
    "Children, young people and families: tell us what your worker is like. We read every "
    "answer.": {
        "pl": "Dzieci, młodzież i rodziny: powiedzcie nam, jaki jest Wasz pracownik. Czytamy "
        "każdą odpowiedź.",
        "ur": "بچو، نوجوانو اور خاندانو: ہمیں بتائیں کہ آپ کا کارکن کیسا ہے۔ ہم ہر جواب پڑھتے ہیں۔",
        "pa": "ਬੱਚਿਓ, ਨੌਜਵਾਨੋ ਅਤੇ ਪਰਿਵਾਰੋ: ਸਾਨੂੰ ਦੱਸੋ ਕਿ ਤੁਹਾਡਾ ਕਰਮਚਾਰੀ ਕਿਹੋ ਜਿਹਾ ਹੈ। ਅਸੀਂ ਹਰ ਜਵਾਬ ਪੜ੍ਹਦੇ ਹਾਂ।",
        "bn": "শিশু, তরুণ ও পরিবারেরা: তোমার কর্মী কেমন, আমাদের বলো। আমরা প্রতিটি উত্তর পড়ি।",
        "ro": "Copii, tineri și familii: spuneți-ne cum este lucrătorul vostru. Citim fiecare "
        "răspuns.",
    },
    "It takes about 3 minutes. You don't have to tell us your name. Your worker will not see "
    "your name unless you want them to.": {
        "pl": "Zajmie to około 3 minut. Nie musisz podawać swojego imienia. Twój pracownik nie "
        "zobaczy Twojego imienia, chyba że tego chcesz.",
        "ur": "اس میں تقریباً 3 منٹ لگتے ہیں۔ آپ کو اپنا نام بتانا ضروری نہیں۔ آپ کا کارکن آپ کا "
        "نام تب ہی دیکھے گا جب آپ چاہیں۔",
        "pa": "ਇਸ ਵਿੱਚ ਲਗਭਗ 3 ਮਿੰਟ ਲੱਗਦੇ ਹਨ। ਤੁਹਾਨੂੰ ਆਪਣਾ ਨਾਂ ਦੱਸਣ ਦੀ ਲੋੜ ਨਹੀਂ। ਤੁਹਾਡਾ "
        "ਕਰਮਚਾਰੀ ਤੁਹਾਡਾ ਨਾਂ ਉਦੋਂ ਹੀ ਦੇਖੇਗਾ ਜੇ ਤੁਸੀਂ ਚਾਹੋ।",
        "bn": "এতে প্রায় 3 মিনিট লাগে। তোমার নাম বলতে হবে না। তুমি না চাইলে তোমার কর্মী তোমার নাম দেখবেন না।",
        "ro": "Durează cam 3 minute. Nu trebuie să ne spui numele tău. Lucrătorul tău nu îți va "
        "vedea numele decât dacă vrei tu.",
    },
    "A manager reads every answer. We publish what we changed on our 'You said, we did' page, "
    "without names.": {
        "pl": "Kierownik czyta każdą odpowiedź. To, co zmieniliśmy, publikujemy bez nazwisk na "
        "naszej stronie „Powiedzieliście – zrobiliśmy”.",
        "ur": "ایک مینیجر ہر جواب پڑھتا ہے۔ ہم نے جو بدلا، وہ نام کے بغیر اپنے صفحے 'آپ نے کہا، "
        "ہم نے کیا' پر شائع کرتے ہیں۔",
        "pa": "ਇੱਕ ਮੈਨੇਜਰ ਹਰ ਜਵਾਬ ਪੜ੍ਹਦਾ ਹੈ। ਅਸੀਂ ਜੋ ਬਦਲਿਆ, ਉਹ ਨਾਵਾਂ ਤੋਂ ਬਿਨਾਂ ਆਪਣੇ 'ਤੁਸੀਂ "
        "ਕਿਹਾ, ਅਸੀਂ ਕੀਤਾ' ਪੰਨੇ 'ਤੇ ਛਾਪਦੇ ਹਾਂ।",
        "bn": "একজন ম্যানেজার প্রতিটি উত্তর পড়েন। আমরা কী বদলেছি, তা নাম ছাড়াই আমাদের "
        "'আপনারা বলেছেন, আমরা করেছি' পাতায় প্রকাশ করি।",
        "ro": "Un manager citește fiecare răspuns. Publicăm ce am schimbat, fără nume, pe pagina "
        "noastră „Ați spus, am făcut”.",
    },
    SEARCH_DESCRIPTIONS["feedback"]: {
        "pl": "Powiedz nam, jaki jest Twój pracownik. Zajmie to około 3 minut i nie musisz "
        "podawać imienia.",
        "ur": "ہمیں بتائیں کہ آپ کا کارکن کیسا ہے۔ اس میں تقریباً 3 منٹ لگتے ہیں اور آپ اپنا نام "
        "چھپا سکتے ہیں۔",
        "pa": "ਸਾਨੂੰ ਦੱਸੋ ਕਿ ਤੁਹਾਡਾ ਕਰਮਚਾਰੀ ਕਿਹੋ ਜਿਹਾ ਹੈ। ਇਸ ਵਿੱਚ ਲਗਭਗ 3 ਮਿੰਟ ਲੱਗਦੇ ਹਨ ਅਤੇ "
        "ਤੁਸੀਂ ਆਪਣਾ ਨਾਂ ਗੁਪਤ ਰੱਖ ਸਕਦੇ ਹੋ।",
        "bn": "তোমার কর্মী কেমন, আমাদের বলো। এতে প্রায় 3 মিনিট লাগে এবং তুমি নাম গোপন রাখতে পারো।",
        "ro": "Spune-ne cum este lucrătorul tău. Durează cam 3 minute și poți rămâne anonim.",
    },
    "Monday to Friday, 9am to 5pm": {
        "pl": "Od poniedziałku do piątku, 9:00–17:00",
        "ur": "پیر سے جمعہ، صبح 9 بجے سے شام 5 بجے تک",
        "pa": "ਸੋਮਵਾਰ ਤੋਂ ਸ਼ੁੱਕਰਵਾਰ, ਸਵੇਰੇ 9 ਵਜੇ ਤੋਂ ਸ਼ਾਮ 5 ਵਜੇ ਤੱਕ",
        "bn": "সোমবার থেকে শুক্রবার, সকাল 9টা থেকে বিকেল 5টা",
        "ro": "De luni până vineri, 9:00–17:00",
    },
}

# Sentences of the town pages; {town} is the town's name, kept as written.
TOWN_PAGES = {
    "Early help in {town}": {
        "pl": "Wczesna pomoc w {town}",
        "ur": "{town} میں ابتدائی مدد",
        "pa": "{town} ਵਿੱਚ ਸ਼ੁਰੂਆਤੀ ਮਦਦ",
        "bn": "{town}-এ প্রাথমিক সহায়তা",
        "ro": "Sprijin timpuriu în {town}",
    },
    "The {town} Early Help Team works with families across {town}.": {
        "pl": "Zespół wczesnej pomocy {town} pracuje z rodzinami w całym {town}.",
        "ur": "{town} کی ابتدائی مدد کی ٹیم پورے {town} میں خاندانوں کے ساتھ کام کرتی ہے۔",
        "pa": "{town} ਦੀ ਸ਼ੁਰੂਆਤੀ ਮਦਦ ਟੀਮ ਪੂਰੇ {town} ਵਿੱਚ ਪਰਿਵਾਰਾਂ ਨਾਲ ਕੰਮ ਕਰਦੀ ਹੈ।",
        "bn": "{town}-এর প্রাথমিক সহায়তা দল পুরো {town} জুড়ে পরিবারগুলোর সঙ্গে কাজ করে।",
        "ro": "Echipa de sprijin timpuriu din {town} lucrează cu familiile din tot orașul.",
    },
    "Buses stop outside {town} Family Hub. Step-free access at the front door.": {
        "pl": "Autobusy zatrzymują się przed {town} Family Hub. Wejście od frontu bez schodów.",
        "ur": "بسیں {town} Family Hub کے سامنے رکتی ہیں۔ سامنے کے دروازے پر سیڑھیوں کے بغیر "
        "داخلہ ہے۔",
        "pa": "ਬੱਸਾਂ {town} Family Hub ਦੇ ਬਾਹਰ ਰੁਕਦੀਆਂ ਹਨ। ਮੂਹਰਲੇ ਦਰਵਾਜ਼ੇ 'ਤੇ ਪੌੜੀਆਂ ਤੋਂ ਬਿਨਾਂ ਦਾਖ਼ਲਾ ਹੈ।",
        "bn": "{town} Family Hub-এর সামনে বাস থামে। সামনের দরজায় সিঁড়ি ছাড়াই ঢোকা যায়।",
        "ro": "Autobuzele opresc în fața {town} Family Hub. Intrarea din față este fără trepte.",
    },
    SEARCH_DESCRIPTIONS["locality"]: {
        "pl": "Telefon, centra rodzinne i godziny otwarcia zespołu wczesnej pomocy w {town}.",
        "ur": "{town} میں ابتدائی مدد کی ٹیم کا فون نمبر، فیملی ہب اور کھلنے کے اوقات۔",
        "pa": "{town} ਵਿੱਚ ਸ਼ੁਰੂਆਤੀ ਮਦਦ ਟੀਮ ਦਾ ਫ਼ੋਨ, ਫ਼ੈਮਿਲੀ ਹੱਬ ਅਤੇ ਖੁੱਲ੍ਹਣ ਦਾ ਸਮਾਂ।",
        "bn": "{town}-এর প্রাথমিক সহায়তা দলের ফোন নম্বর, ফ্যামিলি হাব ও খোলার সময়।",
        "ro": "Telefonul, centrele pentru familii și programul echipei de sprijin timpuriu din "
        "{town}.",
    },
}


# How each language writes the demo's area and the second council's, where a translation
# does not keep the name in Latin letters.
AREA_SPELLINGS = {"ur": {"Sandwell": "سینڈویل", "Dudley": "ڈڈلی"}}


def translation_memory(
    code: str, *, towns: Iterable[str], kept: Iterable[str] = (), area: str = "Sandwell"
) -> dict:
    """English -> `code` for every sentence of the demo's translated pages, for the pages
    of the council of `area` (the demo's words name Sandwell; another council's name them).

    `kept` are words that stay as written in every language (slugs, hub names, addresses).
    """

    def local(text: str, language: str) -> str:
        if area == "Sandwell":
            return text
        spelt = AREA_SPELLINGS.get(language, {})
        text = text.replace("Sandwell", area)
        if "Sandwell" in spelt and area in spelt:
            text = text.replace(spelt["Sandwell"], spelt[area])
        return text

    memory = {
        local(english, "en"): local(by_code[code], code) for english, by_code in PAGES.items()
    }
    for town in towns:
        for english, by_code in TOWN_PAGES.items():
            memory[english.format(town=town)] = by_code[code].format(town=town)
    memory.update({word: word for word in kept})
    return memory
