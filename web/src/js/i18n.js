// Dutch (default) and English texts of the web app. Elements carry
// data-i18n="key" (text content), data-i18n-attr="attr:key,attr:key"
// (attributes); applyLanguage() fills them, so the HTML holds the Dutch text
// as its initial content and a page works before this script runs.

const nl = {
  'lang.switch': 'English',
  'lang.switch.label': 'Switch to English',
  'skip': 'Naar de inhoud',
  'app.name': 'Zicht',
  'form.title': 'Fraude melden',
  'form.intro': 'Bent u opgelicht, of heeft iemand het geprobeerd? Meld het hier. Uw melding helpt politie, banken en telecombedrijven om oplichters te vinden en anderen te waarschuwen.',
  'form.privacy': 'Vul geen naam, adres, burgerservicenummer of wachtwoord in. We vragen alleen wat nodig is om meldingen met elkaar te verbinden.',
  'form.required': 'Velden met * zijn verplicht.',
  'form.type.legend': 'Wat voor fraude was het? *',
  'form.text.label': 'Wat is er gebeurd?',
  'form.text.hint': 'Vertel in uw eigen woorden wat er gebeurde. U mag ook het bericht plakken dat u kreeg.',
  'form.when.label': 'Wanneer gebeurde het?',
  'form.channel.label': 'Hoe nam de oplichter contact op?',
  'form.channel.none': '— kies —',
  'form.damage.label': 'Hoeveel geld bent u kwijt? (euro)',
  'form.damage.hint': 'Vul 0 in als u niets heeft betaald.',
  'form.iban.label': 'Naar welk rekeningnummer (IBAN) heeft u betaald?',
  'form.iban.hint': 'Bijvoorbeeld NL91 ABNA 0417 1643 00. Laat leeg als u niet heeft betaald.',
  'form.phone.label': 'Welk telefoonnummer nam contact op?',
  'form.phone.hint': 'Bijvoorbeeld 06-12345678, of een buitenlands nummer met + en landcode.',
  'form.profile.label': 'Of welk profiel of e-mailadres?',
  'form.profile.hint': 'Bijvoorbeeld de naam van een account op sociale media of een marktplaats, of een e-mailadres.',
  'form.url.label': 'Welke link heeft u gekregen?',
  'form.url.hint': 'Kopieer de link uit het bericht. Klik er niet meer op.',
  'form.url.paid': 'Ik heb via deze link betaald',
  'form.victim.legend': 'Over u (niet verplicht)',
  'form.age.label': 'Leeftijd',
  'form.region.label': 'Provincie',
  'form.unknown': 'Zeg ik liever niet',
  'form.submit': 'Melding versturen',
  'form.sending': 'Bezig met versturen…',
  'form.errors.title': 'Controleer de volgende velden:',
  'form.err.type': 'Kies wat voor fraude het was.',
  'form.err.date': 'Deze datum ligt in de toekomst.',
  'form.err.damage': 'Vul een bedrag van 0 of meer in.',
  'form.err.url': 'Deze link lijkt niet op een webadres (begint met http:// of https://).',
  'form.err.empty': 'Vertel wat er gebeurde, of vul een rekeningnummer, telefoonnummer, profiel of link in.',
  'form.err.server': 'Het versturen is niet gelukt. Probeer het over een paar minuten opnieuw.',
  'form.err.rate_limited': 'Er zijn vanaf dit adres te veel meldingen verstuurd. Probeer het over een minuut opnieuw.',
  'form.err.unavailable': 'Het meldformulier is op dit moment niet beschikbaar. Probeer het later opnieuw.',
  'form.err.invalid_argument': 'De melding kon niet worden verwerkt. Controleer de velden en probeer het opnieuw.',
  'form.err.too_large': 'De melding is te lang. Maak de beschrijving korter en probeer het opnieuw.',
  'form.checking': 'Bezig met controleren…',
  'form.ok.iban': 'Dit rekeningnummer klopt.',
  'form.ok.phone': 'Dit telefoonnummer klopt.',
  'done.title': 'Bedankt, uw melding is ontvangen',
  'done.ref': 'Uw referentienummer:',
  'done.keep': 'Bewaar dit nummer. Noem het als u contact opneemt met de Fraudehelpdesk, de politie of uw bank.',
  'done.next.title': 'Wat kunt u nu doen?',
  'done.next.bank': 'Heeft u betaald? Bel direct uw bank, ook buiten kantoortijd. Soms kan de betaling nog worden teruggehaald.',
  'done.next.police': 'Heeft u geld verloren? Doe ook aangifte bij de politie.',
  'done.next.warn': 'Waarschuw familie en vrienden, zeker als iemand zich voordeed als u.',
  'done.again': 'Nog een melding doen',
  'type.hulpvraagfraude': 'Hulpvraagfraude',
  'type.hulpvraagfraude.desc': 'Iemand deed zich voor als uw kind, familielid of vriend met een "nieuw nummer" en vroeg dringend om geld.',
  'type.bankhelpdeskfraude': 'Bankhelpdeskfraude',
  'type.bankhelpdeskfraude.desc': 'Iemand belde of schreef namens uw bank (of de politie) en liet u geld overmaken, inloggen of uw pas afgeven.',
  'type.aankoopfraude': 'Aankoopfraude',
  'type.aankoopfraude.desc': 'U kocht iets online en betaalde, maar kreeg het nooit.',
  'type.verkoopfraude': 'Verkoopfraude',
  'type.verkoopfraude.desc': 'U verkocht iets en de "koper" stuurde een valse betaallink of betaalde niet.',
  'type.phishing': 'Phishing',
  'type.phishing.desc': 'U kreeg een nep-e-mail, sms of website die om uw inloggegevens, pincode of een betaling vroeg.',
  'type.datingfraude': 'Datingfraude',
  'type.datingfraude.desc': 'Iemand die u online leerde kennen bouwde een band met u op en vroeg daarna om geld.',
  'type.beleggingsfraude': 'Beleggingsfraude',
  'type.beleggingsfraude.desc': 'U werd overgehaald om te beleggen (bijvoorbeeld in crypto) met beloofde hoge winst, en kreeg uw geld niet terug.',
  'type.identiteitsfraude': 'Identiteitsfraude',
  'type.identiteitsfraude.desc': 'Iemand gebruikte uw naam, identiteitsbewijs of rekening zonder dat u het wist.',
  'type.overig': 'Iets anders',
  'type.overig.desc': 'Het past niet bij een van de keuzes hierboven.',
  'channel.whatsapp': 'WhatsApp',
  'channel.sms': 'sms',
  'channel.phone': 'telefoongesprek',
  'channel.email': 'e-mail',
  'channel.website': 'website',
  'channel.marketplace': 'marktplaats of verkoopsite',
  'channel.social_media': 'sociale media',
  'channel.other': 'anders',
  'footer.analyst': 'Inloggen voor analisten',
  'footer.urgent': 'Nog bezig met een oplichter of net betaald? Bel eerst uw bank.',
};

const en = {
  'lang.switch': 'Nederlands',
  'lang.switch.label': 'Schakel naar Nederlands',
  'skip': 'Skip to content',
  'app.name': 'Zicht',
  'form.title': 'Report fraud',
  'form.intro': 'Have you been scammed, or did someone try? Report it here. Your report helps the police, banks and telecom companies find fraudsters and warn others.',
  'form.privacy': 'Do not enter names, addresses, citizen service numbers or passwords. We only ask what is needed to connect reports.',
  'form.required': 'Fields marked * are required.',
  'form.type.legend': 'What kind of fraud was it? *',
  'form.text.label': 'What happened?',
  'form.text.hint': 'Tell in your own words what happened. You may also paste the message you received.',
  'form.when.label': 'When did it happen?',
  'form.channel.label': 'How did the fraudster contact you?',
  'form.channel.none': '— choose —',
  'form.damage.label': 'How much money did you lose? (euro)',
  'form.damage.hint': 'Enter 0 if you did not pay anything.',
  'form.iban.label': 'Which account number (IBAN) did you pay to?',
  'form.iban.hint': 'For example NL91 ABNA 0417 1643 00. Leave empty if you did not pay.',
  'form.phone.label': 'Which phone number contacted you?',
  'form.phone.hint': 'For example 06-12345678, or a foreign number with + and country code.',
  'form.profile.label': 'Or which profile or e-mail address?',
  'form.profile.hint': 'For example the name of an account on social media or a marketplace, or an e-mail address.',
  'form.url.label': 'Which link did you receive?',
  'form.url.hint': 'Copy the link from the message. Do not click it again.',
  'form.url.paid': 'I paid through this link',
  'form.victim.legend': 'About you (optional)',
  'form.age.label': 'Age',
  'form.region.label': 'Province',
  'form.unknown': 'Prefer not to say',
  'form.submit': 'Send report',
  'form.sending': 'Sending…',
  'form.errors.title': 'Please check these fields:',
  'form.err.type': 'Choose what kind of fraud it was.',
  'form.err.date': 'This date is in the future.',
  'form.err.damage': 'Enter an amount of 0 or more.',
  'form.err.url': 'This does not look like a web address (starting with http:// or https://).',
  'form.err.empty': 'Tell what happened, or enter an account number, phone number, profile or link.',
  'form.err.server': 'Sending failed. Please try again in a few minutes.',
  'form.err.rate_limited': 'Too many reports were sent from this address. Please try again in a minute.',
  'form.err.unavailable': 'The report form is not available right now. Please try again later.',
  'form.err.invalid_argument': 'The report could not be processed. Please check the fields and try again.',
  'form.err.too_large': 'The report is too long. Please shorten the description and try again.',
  'form.checking': 'Checking…',
  'form.ok.iban': 'This account number is valid.',
  'form.ok.phone': 'This phone number is valid.',
  'done.title': 'Thank you, your report has been received',
  'done.ref': 'Your reference number:',
  'done.keep': 'Keep this number. Mention it when you contact the Fraud Helpdesk, the police or your bank.',
  'done.next.title': 'What can you do now?',
  'done.next.bank': 'Did you pay? Call your bank right away, also outside office hours. Sometimes the payment can still be recalled.',
  'done.next.police': 'Did you lose money? Also file a report with the police.',
  'done.next.warn': 'Warn family and friends, especially if someone pretended to be you.',
  'done.again': 'Make another report',
  'type.hulpvraagfraude': 'Help-request fraud',
  'type.hulpvraagfraude.desc': 'Someone pretended to be your child, relative or friend with a "new number" and urgently asked for money.',
  'type.bankhelpdeskfraude': 'Bank helpdesk fraud',
  'type.bankhelpdeskfraude.desc': 'Someone called or wrote on behalf of your bank (or the police) and made you transfer money, log in or hand over your card.',
  'type.aankoopfraude': 'Purchase fraud',
  'type.aankoopfraude.desc': 'You bought something online and paid, but never received it.',
  'type.verkoopfraude': 'Sales fraud',
  'type.verkoopfraude.desc': 'You sold something and the "buyer" sent a fake payment link or did not pay.',
  'type.phishing': 'Phishing',
  'type.phishing.desc': 'You received a fake e-mail, text or website asking for your login details, PIN or a payment.',
  'type.datingfraude': 'Dating fraud',
  'type.datingfraude.desc': 'Someone you met online built up a relationship with you and then asked for money.',
  'type.beleggingsfraude': 'Investment fraud',
  'type.beleggingsfraude.desc': 'You were persuaded to invest (for example in crypto) with promised high returns, and did not get your money back.',
  'type.identiteitsfraude': 'Identity fraud',
  'type.identiteitsfraude.desc': 'Someone used your name, ID document or account without your knowledge.',
  'type.overig': 'Something else',
  'type.overig.desc': 'It does not fit any of the choices above.',
  'channel.whatsapp': 'WhatsApp',
  'channel.sms': 'text message (SMS)',
  'channel.phone': 'phone call',
  'channel.email': 'e-mail',
  'channel.website': 'website',
  'channel.marketplace': 'marketplace or sales site',
  'channel.social_media': 'social media',
  'channel.other': 'other',
  'footer.analyst': 'Analyst login',
  'footer.urgent': 'Still in contact with a fraudster, or just paid? Call your bank first.',
};

const dictionaries = { nl, en };

//! Adds a page's own texts (the dashboard's: analyst_texts.js) to both
//! languages, so one t() and one applyLanguage() serve every page.
export function addTexts(extra) {
  Object.assign(nl, extra.nl);
  Object.assign(en, extra.en);
}

export const FRAUD_TYPES = [
  'hulpvraagfraude', 'bankhelpdeskfraude', 'aankoopfraude', 'verkoopfraude', 'phishing',
  'datingfraude', 'beleggingsfraude', 'identiteitsfraude', 'overig',
];
export const CHANNELS = ['whatsapp', 'sms', 'phone', 'email', 'website', 'marketplace', 'social_media', 'other'];
export const AGE_BANDS = ['<18', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+'];
export const REGIONS = [
  ['NL-DR', 'Drenthe'], ['NL-FL', 'Flevoland'], ['NL-FR', 'Fryslân'], ['NL-GE', 'Gelderland'],
  ['NL-GR', 'Groningen'], ['NL-LI', 'Limburg'], ['NL-NB', 'Noord-Brabant'], ['NL-NH', 'Noord-Holland'],
  ['NL-OV', 'Overijssel'], ['NL-UT', 'Utrecht'], ['NL-ZE', 'Zeeland'], ['NL-ZH', 'Zuid-Holland'],
];

let current = 'nl';

//! The language from ?lang=, else the last choice, else Dutch.
export function initialLanguage() {
  const q = new URLSearchParams(location.search).get('lang');
  if (q === 'nl' || q === 'en') return q;
  try {
    const saved = localStorage.getItem('zicht.lang');
    if (saved === 'nl' || saved === 'en') return saved;
  } catch (_) { /* storage blocked: default */ }
  return 'nl';
}

export function language() { return current; }

export function t(key) {
  return dictionaries[current][key] ?? dictionaries.nl[key] ?? key;
}

export function applyLanguage(lang, root = document) {
  current = lang === 'en' ? 'en' : 'nl';
  try { localStorage.setItem('zicht.lang', current); } catch (_) { /* ignore */ }
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(',')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}
