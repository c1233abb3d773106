//! The demo's PRNG: splitmix64, one independent stream per child and purpose,
//! and affine permutations for spreading children over groups.

#[derive(Debug, Clone)]
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn stream(seed: u64, index: u64, purpose: u64) -> Rng {
        let mut r = Rng(seed ^ purpose.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        let a = r.next_u64();
        Rng(a ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17))
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n (n > 0).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform in lo..=hi.
    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo { lo } else { lo + self.below((hi - lo + 1) as u64) as i64 }
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub(super) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }

    /// An index drawn with the given weights.
    pub(super) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(u64::from(total)) as u32;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    pub(super) fn exp(&mut self) -> f64 {
        -(1.0 - self.unit()).ln()
    }

    pub(super) fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.unit();
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

pub(super) const MIX_TIER: u64 = 1;
pub(super) const MIX_CHILD: u64 = 2;
pub(super) const MIX_PLAN: u64 = 3;

pub(super) fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `i -> (a * i + b) mod m`, a permutation of 0..m.
#[derive(Debug, Clone, Copy)]
pub(super) struct Affine {
    a: u64,
    b: u64,
    m: u64,
}

impl Affine {
    pub(super) fn new(rng: &mut Rng, m: u64) -> Affine {
        let m = m.max(1);
        let mut a = 1 + rng.below(m);
        while gcd(a, m) != 1 {
            a = a % m + 1;
        }
        Affine { a, b: rng.below(m), m }
    }

    pub(super) fn at(&self, i: u64) -> u64 {
        ((u128::from(self.a) * u128::from(i) + u128::from(self.b)) % u128::from(self.m)) as u64
    }
}
