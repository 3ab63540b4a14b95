/**
 * The demo organisation: a Dutch telecom in miniature. One source for both the database seed
 * (first start of the embedded default) and the LDAP directory (the embedded server and
 * seed/demo.ldif for OpenLDAP in docker-compose), so a demo login always finds its person.
 *
 * Deterministic: the same names, departments and managers on every machine.
 */
export const DEMO_PASSWORD = 'plein-demo';

export type DemoEmploymentType = 'employee' | 'contractor' | 'freelancer';
export type DemoRole = 'member' | 'community_manager' | 'admin';

export interface DemoDepartment {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface DemoPerson {
  uid: string;
  employeeNumber: string;
  givenName: string;
  familyNamePrefix: string | null;
  familyName: string;
  email: string;
  jobTitle: string;
  employmentType: DemoEmploymentType;
  departmentCode: string;
  managerUid: string | null;
  location: string;
  roles: DemoRole[];
  /** In LDAP but not yet in Plein: the first login creates the person. */
  ldapOnly?: boolean;
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { code: 'BOARD', name: 'Raad van Bestuur', parentCode: null },
  { code: 'HR', name: 'Human Resources', parentCode: 'BOARD' },
  { code: 'COMM', name: 'Communicatie', parentCode: 'BOARD' },
  { code: 'TECH', name: 'Technologie', parentCode: 'BOARD' },
  { code: 'NET', name: 'Netwerkbeheer', parentCode: 'TECH' },
  { code: 'IT', name: 'IT & Digitaal', parentCode: 'TECH' },
  { code: 'CONS', name: 'Consumentenmarkt', parentCode: 'BOARD' },
  { code: 'SHOPS', name: 'Winkels', parentCode: 'CONS' },
  { code: 'CARE', name: 'Klantenservice', parentCode: 'CONS' },
  { code: 'PROD', name: 'Productontwikkeling', parentCode: 'CONS' },
  { code: 'WHS', name: 'Wholesale', parentCode: 'BOARD' },
  { code: 'FIN', name: 'Financiën', parentCode: 'BOARD' },
];

const GIVEN = [
  'Sanne', 'Daan', 'Emma', 'Lucas', 'Julia', 'Sem', 'Tess', 'Finn', 'Lotte', 'Bram',
  'Noor', 'Thijs', 'Fleur', 'Ruben', 'Anouk', 'Jesse', 'Iris', 'Niels', 'Maaike', 'Joost',
  'Eline', 'Sjoerd', 'Ilse', 'Wouter', 'Chloë', 'Zoë', 'Gijs', 'Femke', 'Stijn', 'Loïs',
  'Marieke', 'Pieter', 'Esmée', 'Koen', 'Renée', 'Teun', 'Mirjam', 'Jeroen', 'Hanneke', 'Björn',
];
const FAMILY: [string | null, string][] = [
  ['van der', 'Berg'], [null, 'Jansen'], ['de', 'Vries'], ['van', 'Dijk'], [null, 'Bakker'],
  [null, 'Janssen'], ['de', 'Boer'], [null, 'Visser'], [null, 'Smit'], ['van den', 'Heuvel'],
  [null, 'Mulder'], ['de', 'Groot'], [null, 'Bos'], ['van', 'Leeuwen'], [null, 'Dekker'],
  ["van 't", 'Hof'], [null, 'Brouwer'], ['de', 'Wit'], [null, 'Dijkstra'], [null, 'Smits'],
  ['van', 'Beek'], [null, 'Ødegaard'], [null, 'Kuipers'], ['van der', 'Meer'], [null, 'Peeters'],
  ['ter', 'Horst'], [null, 'Hendriks'], ['van', 'Wijk'], [null, 'Çelik'], [null, 'Koç'],
  [null, 'Hoekstra'], ['de', 'Jong'], [null, 'Willemsen'], ['van', 'Vliet'], [null, 'Schouten'],
];
const LOCATIONS = ['Den Haag', 'Amsterdam', 'Rotterdam', 'Utrecht', 'Groningen', 'Eindhoven', 'Zwolle'];
const TITLES: Record<string, string[]> = {
  BOARD: ['Bestuurder'],
  HR: ['HR-adviseur', 'Recruiter', 'Salarisadministrateur'],
  COMM: ['Communicatieadviseur', 'Redacteur intranet'],
  TECH: ['Architect'],
  NET: ['Netwerkengineer', 'Monteur buitendienst', 'NOC-operator'],
  IT: ['Softwareontwikkelaar', 'Product owner', 'DevOps-engineer', 'Scrum master'],
  CONS: ['Marketeer'],
  SHOPS: ['Winkelmedewerker', 'Filiaalmanager'],
  CARE: ['Klantenservicemedewerker', 'Teamleider klantenservice'],
  PROD: ['Productmanager', 'UX-designer'],
  WHS: ['Accountmanager wholesale', 'Contractmanager'],
  FIN: ['Controller', 'Financieel analist'],
};

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/gi, 'o')
    .replace(/[^a-zA-Z0-9]+/g, '')
    .toLowerCase();
}

function buildPeople(): DemoPerson[] {
  const people: DemoPerson[] = [];
  let n = 1000;
  const add = (p: Omit<DemoPerson, 'employeeNumber' | 'email'> & { email?: string }) => {
    n += 1;
    const email = p.email ?? `${p.uid}@plein.example`;
    people.push({ ...p, employeeNumber: `E${n}`, email });
  };

  // The named demo logins from the README.
  add({ uid: 'demo.ceo', givenName: 'Marjolein', familyNamePrefix: 'van', familyName: 'Houten', jobTitle: 'CEO', employmentType: 'employee', departmentCode: 'BOARD', managerUid: null, location: 'Den Haag', roles: ['member'] });
  add({ uid: 'demo.hr', givenName: 'Hendrik', familyNamePrefix: 'de', familyName: 'Ruijter', jobTitle: 'Directeur HR', employmentType: 'employee', departmentCode: 'HR', managerUid: 'demo.ceo', location: 'Den Haag', roles: ['member'] });
  add({ uid: 'demo.moderator', givenName: 'Aïsha', familyNamePrefix: null, familyName: 'El Amrani', jobTitle: 'Community manager', employmentType: 'employee', departmentCode: 'COMM', managerUid: 'demo.ceo', location: 'Amsterdam', roles: ['member', 'community_manager'] });
  add({ uid: 'demo.admin', givenName: 'Rik', familyNamePrefix: 'van', familyName: 'Gelder', jobTitle: 'Platformbeheerder', employmentType: 'employee', departmentCode: 'IT', managerUid: null, location: 'Utrecht', roles: ['member', 'admin'] });
  add({ uid: 'demo.employee', givenName: 'Jan', familyNamePrefix: 'van der', familyName: 'Berg', jobTitle: 'Netwerkengineer', employmentType: 'employee', departmentCode: 'NET', managerUid: null, location: 'Rotterdam', roles: ['member'] });
  add({ uid: 'demo.contractor', givenName: 'Priya', familyNamePrefix: null, familyName: 'Ramdin', jobTitle: 'DevOps-engineer', employmentType: 'contractor', departmentCode: 'IT', managerUid: null, location: 'Utrecht', roles: ['member'] });
  add({ uid: 'demo.freelancer', givenName: 'Joris', familyNamePrefix: "van 't", familyName: 'Zand', jobTitle: 'UX-designer', employmentType: 'freelancer', departmentCode: 'PROD', managerUid: null, location: 'Amsterdam', roles: ['member'] });

  // Department heads report to the CEO; everyone else to their department head.
  const heads: Record<string, string> = { BOARD: 'demo.ceo', HR: 'demo.hr' };
  let gi = 0;
  let fi = 0;
  const nextName = () => {
    const given = GIVEN[gi % GIVEN.length];
    const [prefix, family] = FAMILY[fi % FAMILY.length];
    gi += 1;
    fi += gi % GIVEN.length === 0 ? 2 : 1;
    return { given, prefix, family };
  };
  const used = new Set(people.map((p) => p.uid));
  const uidFor = (given: string, prefix: string | null, family: string) => {
    const base = `${slug(given)}.${slug((prefix ?? '') + family)}`;
    let uid = base;
    for (let i = 2; used.has(uid); i++) uid = `${base}${i}`;
    used.add(uid);
    return uid;
  };

  for (const dept of DEMO_DEPARTMENTS) {
    if (!heads[dept.code]) {
      const { given, prefix, family } = nextName();
      const uid = uidFor(given, prefix, family);
      heads[dept.code] = uid;
      add({ uid, givenName: given, familyNamePrefix: prefix, familyName: family, jobTitle: `Directeur ${dept.name}`, employmentType: 'employee', departmentCode: dept.code, managerUid: 'demo.ceo', location: LOCATIONS[people.length % LOCATIONS.length], roles: ['member'] });
    }
  }
  for (const p of people) {
    if (p.managerUid === null && p.uid !== 'demo.ceo') p.managerUid = heads[p.departmentCode] === p.uid ? 'demo.ceo' : heads[p.departmentCode];
  }

  const staffed = DEMO_DEPARTMENTS.filter((d) => d.code !== 'BOARD');
  for (let i = 0; people.length < 72; i++) {
    const dept = staffed[i % staffed.length];
    const { given, prefix, family } = nextName();
    const titles = TITLES[dept.code];
    // Roughly 1 in 6 is a contractor and 1 in 10 a freelancer, as in a real telecom.
    const employmentType: DemoEmploymentType = i % 10 === 7 ? 'freelancer' : i % 6 === 3 ? 'contractor' : 'employee';
    add({ uid: uidFor(given, prefix, family), givenName: given, familyNamePrefix: prefix, familyName: family, jobTitle: titles[i % titles.length], employmentType, departmentCode: dept.code, managerUid: heads[dept.code], location: LOCATIONS[i % LOCATIONS.length], roles: ['member'] });
  }

  add({ uid: 'demo.newcomer', givenName: 'Noah', familyNamePrefix: 'van', familyName: 'Dam', jobTitle: 'Trainee', employmentType: 'employee', departmentCode: 'CARE', managerUid: heads.CARE, location: 'Zwolle', roles: ['member'], ldapOnly: true });
  return people;
}

export const DEMO_PEOPLE: DemoPerson[] = buildPeople();
