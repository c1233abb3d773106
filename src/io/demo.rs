//! Synthetic demo data (placeholder: being written).
