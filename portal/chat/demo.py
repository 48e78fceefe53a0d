"""Demo canned replies for ``make run`` (``portal.seed``), in the six languages. The Arabic, Farsi, Urdu and
Tigrinya texts are machine-drafted like the catalogues and need review by native speakers."""

DEMO_REPLIES: dict[str, dict[str, str]] = {
    'Begrüßung': {
        'de': 'Guten Tag {customer_name}, danke für Ihre Nachricht. Ich kümmere mich darum und melde mich so bald '
              'wie möglich.',
        'en': 'Hello {customer_name}, thank you for your message. I am looking into it and will get back to you as '
              'soon as possible.',
        'ar': 'مرحباً {customer_name}، شكراً لرسالتك. سأهتم بالأمر وسأرد عليك في أقرب وقت ممكن.',
        'fa': 'سلام {customer_name}، از پیام شما متشکریم. به موضوع رسیدگی می‌کنم و در اسرع وقت پاسخ می‌دهم.',
        'ur': 'السلام علیکم {customer_name}، آپ کے پیغام کا شکریہ۔ میں اس پر کام کر رہا ہوں اور جلد از جلد '
              'جواب دوں گا۔',
        'ti': 'ሰላም {customer_name}፣ ስለ መልእኽትኹም የቐንየልና። ጉዳይኩም ክርእዮ እየ፣ ብዝቐልጠፈ እምልሰልኩም።',
    },
    'Unterlagen über das Portal': {
        'de': 'Bitte schicken Sie uns die Unterlagen über „Unterlagen“ hier im Portal: Fotografieren Sie jede Seite, '
              'dann kommen sie direkt bei {case_worker} an.',
        'en': 'Please send us the documents through "Documents" here in the portal: take a photo of each page and '
              'they go straight to {case_worker}.',
        'ar': 'يرجى إرسال المستندات عبر قسم "المستندات" هنا في البوابة: صوّر كل صفحة، فتصل مباشرة إلى {case_worker}.',
        'fa': 'لطفاً مدارک را از بخش «مدارک» در همین پورتال بفرستید: از هر صفحه عکس بگیرید تا مستقیم به '
              '{case_worker} برسد.',
        'ur': 'براہ کرم دستاویزات یہاں پورٹل میں "دستاویزات" کے ذریعے بھیجیں: ہر صفحے کی تصویر لیں، وہ سیدھی '
              '{case_worker} تک پہنچ جائیں گی۔',
        'ti': 'በጃኹም ሰነዳት ኣብዚ ፖርታል ብ "ሰነዳት" ስደዱልና፦ ነፍሲ ወከፍ ገጽ ስኣል ኣልዕሉ፣ ብቐጥታ ናብ {case_worker} '
              'ይበጽሑ።',
    },
    'Nächster Termin': {
        'de': 'Ihr nächster Termin: {next_appointment}. Ihre Ansprechperson ist {case_worker}.',
        'en': 'Your next appointment: {next_appointment}. Your contact person is {case_worker}.',
        'ar': 'موعدك القادم: {next_appointment}. الشخص المسؤول عنك هو {case_worker}.',
        'fa': 'قرار ملاقات بعدی شما: {next_appointment}. مسئول پرونده شما {case_worker} است.',
        'ur': 'آپ کی اگلی ملاقات: {next_appointment}۔ آپ کے رابطہ کار {case_worker} ہیں۔',
        'ti': 'ዝቕጽል ቆጸራኹም፦ {next_appointment}። ተራኺቢኹም {case_worker} እዩ።',
    },
    'Abschluss': {
        'de': 'Ist Ihre Frage damit beantwortet? Dann schließe ich das Gespräch. Sie können uns jederzeit wieder '
              'schreiben.',
        'en': 'Does this answer your question? Then I will close this conversation. You can write to us again at any '
              'time.',
        'ar': 'هل أجاب هذا عن سؤالك؟ إذن سأغلق هذه المحادثة. يمكنك مراسلتنا مجدداً في أي وقت.',
        'fa': 'آیا پاسخ سؤال خود را گرفتید؟ در این صورت گفتگو را می‌بندم. هر زمان می‌توانید دوباره برای ما بنویسید.',
        'ur': 'کیا آپ کے سوال کا جواب مل گیا؟ تو میں یہ گفتگو بند کر دیتا ہوں۔ آپ کسی بھی وقت ہمیں دوبارہ '
              'لکھ سکتے ہیں۔',
        'ti': 'ሕቶኹም ተመሊሱ ድዩ? እንተ ኾይኑ እዚ ዝርርብ ክዓጽዎ እየ። ኣብ ዝኾነ እዋን እንደገና ክትጽሕፉልና ትኽእሉ ኢኹም።',
    },
}
