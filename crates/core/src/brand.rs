//! The council's own name, the service's name and how to reach it, and the postcode districts
//! it covers: the one place a deployment changes them. The app's pages and the server's plain
//! HTML pages both read them from here.

pub const COUNCIL_NAME: &str = "Northby Council";
pub const SERVICE_NAME: &str = "Foster Carer Portal";

/// How carers and the public reach the fostering service about the portal itself. The number is
/// in Ofcom's range reserved for drama and examples, because the demo council is not real.
pub const CONTACT_EMAIL: &str = "fostering@northby.example";
pub const CONTACT_PHONE: &str = "01632 960 001";
pub const CONTACT_HOURS: &str = "Monday to Friday, 9am to 5pm";

/// The postcode districts the service covers: an enquiry from elsewhere is pointed to the
/// person's own council. The demo council's are made up, like its phone number.
pub const DISTRICTS: &[&str] = &[
    "NB1", "NB2", "NB3", "NB4", "NB5", "NB6", "NB7", "NB8", "NB9", "NB10", "NB11", "NB12",
];
