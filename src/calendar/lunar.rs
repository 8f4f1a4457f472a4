//! The Vietnamese lunar calendar, computed for UTC+7.
