//! The vocabulary of the synthetic authority: names, placements, reasons, times.

use crate::domain::codes::Reason;

#[rustfmt::skip]
pub(super) const GIVEN_F: &[&str] = &[
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Sophia", "Grace", "Freya", "Ella", "Emily",
    "Poppy", "Evie", "Chloe", "Jessica", "Ruby", "Holly", "Megan", "Lauren", "Shannon", "Courtney", "Jade", "Leah",
    "Amber", "Paige", "Niamh", "Aisha", "Zara", "Maya", "Layla", "Hannah", "Ellie", "Millie", "Katie", "Summer",
    "Daisy", "Phoebe", "Kayla",
];
#[rustfmt::skip]
pub(super) const GIVEN_M: &[&str] = &[
    "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Charlie", "Jacob", "Alfie", "Freddie", "Oscar", "Thomas",
    "Archie", "Joshua", "James", "Kai", "Tyler", "Callum", "Connor", "Kyle", "Liam", "Jordan", "Reece", "Bradley",
    "Ryan", "Mason", "Harvey", "Ethan", "Lewis", "Jayden", "Mohammed", "Ibrahim", "Adam", "Kian", "Logan", "Riley",
    "Dylan", "Jake", "Ben", "Luke",
];
#[rustfmt::skip]
pub(super) const FAMILY: &[&str] = &[
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts",
    "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris",
    "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark",
    "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker",
    "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins",
    "Bell", "Shaw", "Murphy", "Khan", "Ali", "Hussain", "Begum", "Kaur", "Singh", "Nowak", "Kowalski", "Mensah",
    "Okafor",
];
/// Social workers and lead professionals of our authority.
#[rustfmt::skip]
pub(super) const WORKERS: &[&str] = &[
    "Sam Patel", "Jo Hughes", "Alex Morgan", "Chris Bennett", "Priya Shah", "Hannah Reid", "Tom Fletcher",
    "Aisha Rahman", "Dan Whitaker", "Kerry Dawson", "Lisa Marsh", "Mark Osborne", "Nadia Hussain", "Paul Greaves",
    "Rachel Stone", "Simone Clarke", "Wendy Platt", "Gary Lister", "Helen Brook", "Imran Aziz", "Jenny Holt",
    "Kate Farrow", "Leon Hart", "Mandy Pike",
];
/// Multi-Agency Team and return-interview service workers.
#[rustfmt::skip]
pub(super) const RI_WORKERS: &[&str] = &[
    "Nick Rowe", "Orla Keane", "Pete Hanley", "Ruth Sadler", "Steve Quinn", "Tara Booth", "Yasmin Noor", "Zoe Marsh",
];
/// Social workers of neighbouring authorities, for children placed here.
#[rustfmt::skip]
pub(super) const OTHER_LA_WORKERS: &[&str] = &[
    "Dee Grant", "Ian Foley", "Gemma Lowe", "Raj Mistry", "Claire Dunn", "Bev Morton", "Owen Pryce", "Fay Hollis",
];
/// Authorities next to ours; one that shares our name is left out.
pub(super) const NEIGHBOURS: &[&str] = &["Southby", "Eastham", "Westmoor", "Kingsbridge", "Northshire"];
pub(super) const COUNCIL_HOMES: &[&str] = &["Willows", "Oakfield", "Beech House", "Cedar Lodge", "Maple Court"];
pub(super) const INDEPENDENT_HOMES: &[&str] =
    &["The Gables", "Hillside Lodge", "Riverside", "Fernbank", "Harbour View"];
/// Independent homes in neighbouring areas, for children we placed out.
pub(super) const OOA_HOMES: &[&str] =
    &["Meadow View", "Ashgrove House", "Brookside Lodge", "Larch House", "Stonecroft"];
pub(super) const FOSTER_HOMES: u64 = 40;

/// Reasons with how often interviews give them.
pub(super) const REASONS: &[(Reason, u32)] = &[
    (Reason::Friends, 25),
    (Reason::ReturnToFamily, 18),
    (Reason::Behaviour, 15),
    (Reason::Independence, 10),
    (Reason::Miscommunication, 8),
    (Reason::CriminalActivity, 8),
    (Reason::Drugs, 7),
    (Reason::Cse, 4),
    (Reason::Housing, 3),
];

/// Relative likelihood of going missing in each hour of the day (UTC, close enough).
pub(super) const HOUR_WEIGHTS: [u32; 24] =
    [4, 3, 2, 1, 1, 1, 1, 2, 3, 3, 3, 4, 5, 5, 6, 9, 11, 12, 13, 13, 12, 10, 8, 6];

pub(super) const HOUR: i64 = 60;
pub(super) const DAY: i64 = 24 * HOUR;
/// Span of history before `at`.
pub(super) const HISTORY_DAYS: i64 = 3 * 365;
/// The recent window whose state is arranged on purpose.
pub(super) const RECENT_DAYS: i64 = 10;
/// Every episode's slot is at least this long, so episodes never touch.
pub(super) const MIN_SLOT: i64 = 100;
pub(super) const MIN_GAP: i64 = 60;
pub(super) const MIN_LEN: i64 = 20;
