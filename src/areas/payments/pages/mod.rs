pub mod claim;
pub mod claims;
pub mod new_claim;
pub mod new_query;
pub mod not_found;
pub mod queries;
pub mod query;
pub mod rates;
