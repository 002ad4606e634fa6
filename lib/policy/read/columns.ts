/**
 * What a table column holds, from its header, in en / fr / de / es / cy / nl / it / sv / pl / da.
 * Checked in order: the first role whose words match a header wins, and each role is given to one column.
 */
import { foldCaseAndAccents } from './purpose';

export type ColumnRole =
  | 'name'
  | 'key'
  | 'purpose'
  | 'category'
  | 'duration'
  | 'provider'
  | 'domain'
  | 'party'
  | 'storageType'
  | 'ignore';

const ROLE_WORDS: Array<[ColumnRole, RegExp]> = [
  // "Cookies used" (OneTrust: first/third party), "First/Third Party", "Origine" (Interne/Tiers)
  ['party', /^(cookies used|cookies utilises|cookies utilizadas|verwendete cookies|first\/third party|first or third party|1st\/3rd party|1st or 3rd party|party|origine|origen|herkunft|tiers|first party or third party)$/],
  ['duration', /\b(duration|durations|expiry|expires?|expiration|expiration date|lifespan|life span|lifetime|retention( period)?|storage (duration|period)|maximum storage duration|duree\w*|conservation|duracion|caducidad|vencimiento|plazo|dauer|speicherdauer|laufzeit|ablauf\w*|gultigkeit|dod i ben|dirwyn i ben|hyd|bewaartermijn|looptijd|vervaltijd|verloopt|vervalt|durata|scadenza|conservazione|validity|expires in|lagringstid|varaktighet|giltighet\w*|loptid|utgang\w*|livslangd|czas (?:przechowywania|trwania|zycia)|okres (?:przechowywania|waznosci)|wygasa\w*|waznosc|termin waznosci|varighed|udlob\w*|levetid|opbevaringsperiode|slettes efter)\b/],
  ['category', /^(category|categories|cookie category|category of cookie|categories of cookies|type of cookies?|cookie type|types?|typ|categorie|categoria|categorie de cookies?|type de cookies?|tipo de cookies?|kategorie|cookie-kategorie|art|math|math o gwci|soort|soort cookie|tipo|tipologia|classification|purpose category|kategori|rodzaj|typ cookie|kategoria|type cookie)$/],
  ['storageType', /^(storage|storage type|type de stockage|speicherart|lagringstyp|typ av lagring|rodzaj przechowywania|lagringstype)$/],
  ['key', /^(key|keys|storage key|local storage key|cle|schlussel|clave|sleutel|chiave|allwedd|nyckel|klucz|nogle)$/],
  ['domain', /\b(domain|domains|domane|domaine|domaines|dominio|domein|parth|doman|domena|domaene|hostname|host|sub ?group|cookie subgroup|sous-groupe( de cookies)?|subgrupo)\b/],
  ['provider', /^(provider of (the )?cookies?|cookie lie au service|service lie|provider|providers|cookie provider|source|company|vendor|set by|placed by|service|services|third party|third-party|third party provider|owner|controller|fournisseur|editeur|emetteur|service tiers|proveedor|titular|anbieter|dienst|darparwr|gwasanaeth|aanbieder|leverancier|fornitore|platform|partner|partners|proprietaire|leverantor|agare|utfardare|dostawca|wlasciciel|podmiot|udbyder|leverandor|ejer|udsteder)$/],
  ['name', /^(names?|cookie|cookies|cookie names?|name of (the )?cookies?|cookie id|cookie ids|cookie identifier|nom|noms|nom du cookie|nom des cookies|nom technique|nom du traceur|nombre|nombre de (la )?cookie|nombre de cookie|nombres|enw|enw'?r cwci|enw cwci|cwci|cwcis|naam|naam cookie|naam van de cookie|nome|nome del cookie|nome cookie|name des cookies|cookie-name|cookiename|bezeichnung|technical name|tracker|traceur|data key|cookie \/ data key name|namn|cookienamn|kakans namn|nazwa|nazwa cookie|nazwa pliku cookie|navn|cookienavn|cookie navn|cookiens navn)$/],
  ['purpose', /\b(purpose|purposes|description|descriptions|finalite|finalites|objet|objectif|usage|utilisation|utilite|role|finalidad|proposito|descripcion|funcion|uso|zweck|beschreibung|verwendung|funktion|diben|pwrpas|disgrifiad|doel|beschrijving|functie|scopo|finalita|descrizione|syfte|andamal|beskrivning|anvandning|cel|opis|przeznaczenie|formal|beskrivelse|anvendelse|function|reason|what (it|they) does?|what it is used for|used for|use|details|information|info|why we use it)\b/],
  ['name', /\b(cookie name|name|cookie|nom|nombre|enw|naam|nome|namn|nazwa|navn)\b/],
];

/** The role of one header text, or null when it says nothing we use. */
export function roleOfHeader(text: string, strict = false): ColumnRole | null {
  const f = foldCaseAndAccents(text).replace(/[*_#:`]/g, '').replace(/\s+/g, ' ').trim();
  if (!f || f.length > (strict ? 40 : 60)) return null;
  for (let i = 0; i < ROLE_WORDS.length - (strict ? 1 : 0); i++) {
    const [role, re] = ROLE_WORDS[i]!;
    if (re.test(f)) return role;
  }
  return null;
}

/** Assign roles to a header row: each role to its first column; returns null unless a name/key/provider column is found. */
export function rolesOfHeaderRow(cells: string[], strict = false): Array<ColumnRole | null> | null {
  const roles: Array<ColumnRole | null> = [];
  const taken = new Set<ColumnRole>();
  let recognised = 0;
  for (const text of cells) {
    const role = roleOfHeader(text, strict);
    if (role && !taken.has(role)) {
      roles.push(role);
      taken.add(role);
      recognised++;
    } else {
      roles.push(role && role !== 'name' ? 'ignore' : null);
    }
  }
  // One recognised header is enough when it is the name column itself (the others are sniffed from content).
  if (recognised < 2 && (strict || !(recognised === 1 && cells.length <= 6 && taken.has('name')))) return null;
  // In the body, a header row repeats headers: every filled cell must be one.
  if (strict && cells.some((c, i) => c.trim() !== '' && roles[i] === null)) return null;
  if (!taken.has('name') && !taken.has('key') && !taken.has('provider')) return null;
  preferNamedNameColumn(cells, roles);
  return roles;
}

const SAYS_NAME = /\b(name|names|nom|nombre|enw|naam|nome|namn|nazwa|navn|id|identifier|bezeichnung|technique|technical)\b/;

/**
 * "Cookie | Name | Purpose" (the first column is the provider or a label) and "Provider of Cookie | Cookie
 * Name": when a column that says "name" follows the one we took for names, the one that says "name" wins
 * and the other becomes the provider.
 */
function preferNamedNameColumn(cells: string[], roles: Array<ColumnRole | null>): void {
  const current = roles.indexOf('name');
  if (current < 0 || SAYS_NAME.test(foldCaseAndAccents(cells[current]!))) return;
  for (let i = 0; i < cells.length; i++) {
    if (i === current) continue;
    const f = foldCaseAndAccents(cells[i]!);
    if ((roles[i] === 'ignore' || roles[i] === null) && SAYS_NAME.test(f) && roleOfHeader(cells[i]!) === 'name') {
      roles[i] = 'name';
      roles[current] = roles.includes('provider') ? 'ignore' : 'provider';
      return;
    }
  }
}
