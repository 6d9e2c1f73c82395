//! A Taiwanese partner's real exports (design §9): the header found below a
//! title row, columns and values in Chinese, one date grammar, and status
//! for several tenants. Each behaviour runs the real binary.

mod dates;
mod fixture;
mod headers;
mod status;
mod xlsx;
