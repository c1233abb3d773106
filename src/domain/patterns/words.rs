//! Numbers as a board paper writes them.

/// "one" to "ten", then figures.
pub fn number_word(n: usize) -> String {
    const WORDS: [&str; 11] = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    WORDS.get(n).map(|w| w.to_string()).unwrap_or_else(|| n.to_string())
}

/// "1 episode", "3 episodes".
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
