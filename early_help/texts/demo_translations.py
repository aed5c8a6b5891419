"""The demo's texts in each family language, as comms staff would translate them in Wagtail.

Machine-assisted drafts, awaiting review by a professional translator before go-live, like
the interface strings. Discreet in every language: no service, worry or child named.
"""

TRANSLATED_TEMPLATES = {
    "pl": {
        "request_received": "Dzień dobry {first_name}. Mamy Twoją wiadomość, nr {reference}. Wkrótce ktoś zadzwoni. Aby porozmawiać wcześniej, zadzwoń pod {team_phone}.",
        "practitioner_allocated": "Dzień dobry {first_name}. {practitioner} będzie Twoją osobą kontaktową, nr {reference}. W razie potrzeby zadzwoń pod {team_phone}.",
        "status_update": "Dzień dobry {first_name}, jest nowa informacja w sprawie nr {reference}. Zadzwoń pod {team_phone}, gdy będzie to bezpieczne.",
        "try_to_call": "Dzień dobry {first_name}, próbowaliśmy do Ciebie zadzwonić w sprawie nr {reference}. Zadzwoń pod {team_phone}, gdy będziesz mógł bezpiecznie rozmawiać.",
        "resume_link": "Twój kod to {code}. Kontynuuj tutaj: {link}",
        "feedback_acknowledged": "Dziękujemy. Otrzymaliśmy Twoją wiadomość, nr {reference}.",
        "help_reply": "Odpisz STOP, aby nie dostawać tych SMS-ów. Aby z nami porozmawiać, zadzwoń pod {team_phone}.",
    },
    "ur": {
        "request_received": "السلام علیکم {first_name}۔ ہمیں آپ کا پیغام مل گیا ہے، حوالہ {reference}۔ جلد کوئی آپ کو فون کرے گا۔ پہلے بات کرنے کے لیے {team_phone} پر فون کریں۔",
        "practitioner_allocated": "السلام علیکم {first_name}۔ {practitioner} آپ سے رابطے میں رہیں گے، حوالہ {reference}۔ ضرورت ہو تو {team_phone} پر فون کریں۔",
        "status_update": "السلام علیکم {first_name}، حوالہ {reference} کے بارے میں نئی بات ہے۔ جب محفوظ ہو تو {team_phone} پر فون کریں۔",
        "try_to_call": "السلام علیکم {first_name}، ہم نے حوالہ {reference} کے بارے میں آپ کو فون کرنے کی کوشش کی۔ جب بات کرنا محفوظ ہو تو {team_phone} پر فون کریں۔",
        "resume_link": "آپ کا کوڈ {code} ہے۔ یہاں سے جاری رکھیں: {link}",
        "feedback_acknowledged": "شکریہ۔ ہمیں آپ کا پیغام مل گیا ہے، حوالہ {reference}۔",
        "help_reply": "یہ پیغامات بند کرنے کے لیے STOP لکھ کر جواب دیں۔ ہم سے بات کرنے کے لیے {team_phone} پر فون کریں۔",
    },
    "pa": {
        "request_received": "ਸਤ ਸ੍ਰੀ ਅਕਾਲ {first_name}। ਸਾਨੂੰ ਤੁਹਾਡਾ ਸੁਨੇਹਾ ਮਿਲ ਗਿਆ ਹੈ, ਹਵਾਲਾ {reference}। ਜਲਦੀ ਕੋਈ ਤੁਹਾਨੂੰ ਫ਼ੋਨ ਕਰੇਗਾ। ਪਹਿਲਾਂ ਗੱਲ ਕਰਨ ਲਈ {team_phone} ਤੇ ਫ਼ੋਨ ਕਰੋ।",
        "practitioner_allocated": "ਸਤ ਸ੍ਰੀ ਅਕਾਲ {first_name}। {practitioner} ਤੁਹਾਡੇ ਨਾਲ ਸੰਪਰਕ ਵਿੱਚ ਰਹਿਣਗੇ, ਹਵਾਲਾ {reference}। ਲੋੜ ਹੋਵੇ ਤਾਂ {team_phone} ਤੇ ਫ਼ੋਨ ਕਰੋ।",
        "status_update": "ਸਤ ਸ੍ਰੀ ਅਕਾਲ {first_name}, ਹਵਾਲਾ {reference} ਬਾਰੇ ਨਵੀਂ ਜਾਣਕਾਰੀ ਹੈ। ਜਦੋਂ ਸੁਰੱਖਿਅਤ ਹੋਵੇ ਤਾਂ {team_phone} ਤੇ ਫ਼ੋਨ ਕਰੋ।",
        "try_to_call": "ਸਤ ਸ੍ਰੀ ਅਕਾਲ {first_name}, ਅਸੀਂ ਹਵਾਲਾ {reference} ਬਾਰੇ ਤੁਹਾਨੂੰ ਫ਼ੋਨ ਕਰਨ ਦੀ ਕੋਸ਼ਿਸ਼ ਕੀਤੀ। ਜਦੋਂ ਗੱਲ ਕਰਨਾ ਸੁਰੱਖਿਅਤ ਹੋਵੇ ਤਾਂ {team_phone} ਤੇ ਫ਼ੋਨ ਕਰੋ।",
        "resume_link": "ਤੁਹਾਡਾ ਕੋਡ {code} ਹੈ। ਇੱਥੋਂ ਜਾਰੀ ਰੱਖੋ: {link}",
        "feedback_acknowledged": "ਧੰਨਵਾਦ। ਸਾਨੂੰ ਤੁਹਾਡਾ ਸੁਨੇਹਾ ਮਿਲ ਗਿਆ ਹੈ, ਹਵਾਲਾ {reference}।",
        "help_reply": "ਇਹ ਸੁਨੇਹੇ ਬੰਦ ਕਰਨ ਲਈ STOP ਲਿਖ ਕੇ ਜਵਾਬ ਦਿਓ। ਸਾਡੇ ਨਾਲ ਗੱਲ ਕਰਨ ਲਈ {team_phone} ਤੇ ਫ਼ੋਨ ਕਰੋ।",
    },
    "bn": {
        "request_received": "নমস্কার {first_name}। আমরা আপনার বার্তা পেয়েছি, রেফারেন্স {reference}। শিগগিরই কেউ আপনাকে ফোন করবে। আগে কথা বলতে {team_phone} নম্বরে ফোন করুন।",
        "practitioner_allocated": "নমস্কার {first_name}। {practitioner} আপনার সাথে যোগাযোগ রাখবেন, রেফারেন্স {reference}। দরকার হলে {team_phone} নম্বরে ফোন করুন।",
        "status_update": "নমস্কার {first_name}, রেফারেন্স {reference} নিয়ে নতুন খবর আছে। নিরাপদ হলে {team_phone} নম্বরে ফোন করুন।",
        "try_to_call": "নমস্কার {first_name}, আমরা রেফারেন্স {reference} নিয়ে আপনাকে ফোন করার চেষ্টা করেছি। কথা বলা নিরাপদ হলে {team_phone} নম্বরে ফোন করুন।",
        "resume_link": "আপনার কোড {code}। এখান থেকে চালিয়ে যান: {link}",
        "feedback_acknowledged": "ধন্যবাদ। আমরা আপনার বার্তা পেয়েছি, রেফারেন্স {reference}।",
        "help_reply": "এই বার্তা বন্ধ করতে STOP লিখে উত্তর দিন। আমাদের সাথে কথা বলতে {team_phone} নম্বরে ফোন করুন।",
    },
    "ro": {
        "request_received": "Bună ziua, {first_name}. Am primit mesajul dvs., ref. {reference}. Cineva vă va suna în curând. Ca să vorbiți mai repede, sunați la {team_phone}.",
        "practitioner_allocated": "Bună ziua, {first_name}. {practitioner} va fi persoana dvs. de contact, ref. {reference}. Sunați la {team_phone} dacă aveți nevoie.",
        "status_update": "Bună ziua, {first_name}, avem o noutate despre ref. {reference}. Vă rugăm să sunați la {team_phone} când este sigur.",
        "try_to_call": "Bună ziua, {first_name}, am încercat să vă sunăm despre ref. {reference}. Vă rugăm să sunați la {team_phone} când puteți vorbi în siguranță.",
        "resume_link": "Codul dvs. este {code}. Continuați aici: {link}",
        "feedback_acknowledged": "Vă mulțumim. Am primit mesajul dvs., ref. {reference}.",
        "help_reply": "Răspundeți STOP ca să nu mai primiți aceste mesaje. Ca să vorbiți cu noi, sunați la {team_phone}.",
    },
}
