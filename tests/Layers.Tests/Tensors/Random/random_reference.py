#!/usr/bin/env python3
"""Independent reference for the Layers random streams (docs/random.md).

Plain integer arithmetic and IEEE double operations only (+, -, *, /, sqrt are correctly rounded in
Python as in .NET), so the numbers it prints are the exact bits every conforming implementation must
produce. It shares no code with the C# runtime. Run: python3 random_reference.py > known_answers.txt
"""
import math
import struct

MASK32 = 0xFFFFFFFF
M0, M1 = 0xD2511F53, 0xCD9E8D57
W0, W1 = 0x9E3779B9, 0xBB67AE85


def philox4x32_10(counter, key):
    c0, c1, c2, c3 = counter
    k0, k1 = key
    for _ in range(10):
        p0 = M0 * c0
        p1 = M1 * c2
        hi0, lo0 = p0 >> 32, p0 & MASK32
        hi1, lo1 = p1 >> 32, p1 & MASK32
        c0, c1, c2, c3 = hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0
        k0 = (k0 + W0) & MASK32
        k1 = (k1 + W1) & MASK32
    return [c0, c1, c2, c3]


def block(seed, stream, index):
    seed &= (1 << 64) - 1
    counter = (index & MASK32, index >> 32, stream & MASK32, stream >> 32)
    return philox4x32_10(counter, (seed & MASK32, seed >> 32))


def to_f32(x):
    return struct.unpack('<f', struct.pack('<f', x))[0]


def f32_bits(x):
    return struct.unpack('<I', struct.pack('<f', x))[0]


def f32_prev(x):
    """Largest float32 below float32 x (x > 0 finite or negative finite)."""
    b = f32_bits(x)
    if x > 0:
        b -= 1
    elif x == 0:
        b = 0x80000001
    else:
        b += 1
    return struct.unpack('<f', struct.pack('<I', b))[0]


def u53(hi, lo):
    return ((hi << 32) | lo) >> 11


# --- deterministic log, sin, cos (docs/random.md, "Box-Muller") ---
LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
SQRT2 = 1.4142135623730951
LOG_C = [1.0 / (2 * k + 1) for k in range(12)]          # 1, 1/3, ..., 1/23
SIN_C = [(-1) ** j / math.factorial(2 * j + 1) for j in range(10)]  # j = 0..9
COS_C = [(-1) ** j / math.factorial(2 * j) for j in range(10)]
PIO2 = 1.5707963267948966


def det_log(x):
    bits = struct.unpack('<q', struct.pack('<d', x))[0]
    e = ((bits >> 52) & 0x7FF) - 1023
    m = struct.unpack('<d', struct.pack('<q', (bits & 0x000FFFFFFFFFFFFF) | 0x3FF0000000000000))[0]
    if m > SQRT2:
        m = m * 0.5
        e += 1
    s = (m - 1.0) / (m + 1.0)
    z = s * s
    q = LOG_C[11]
    for k in range(10, -1, -1):
        q = q * z + LOG_C[k]
    log_m = 2.0 * (s * q)
    return e * LN2_HI + (e * LN2_LO + log_m)


def det_sincos_turns(k):
    """sin and cos of 2*pi*k/2^53 for an integer 0 <= k < 2^53."""
    n = (k + (1 << 50)) >> 51
    f = k - (n << 51)
    theta = (f * 2.0 ** -51) * PIO2
    z = theta * theta
    sp = SIN_C[9]
    for j in range(8, 0, -1):
        sp = sp * z + SIN_C[j]
    s = theta + (theta * z) * sp
    cp = COS_C[9]
    for j in range(8, 0, -1):
        cp = cp * z + COS_C[j]
    c = 1.0 + z * cp
    q = n & 3
    if q == 0:
        return s, c
    if q == 1:
        return c, -s
    if q == 2:
        return -s, -c
    return -c, s


def normal_pair(seed, stream, j):
    w = block(seed, stream, j)
    u1 = (u53(w[0], w[1]) + 1) * 2.0 ** -53
    r = math.sqrt(-2.0 * det_log(u1))
    s, c = det_sincos_turns(u53(w[2], w[3]))
    return r * c, r * s


def standard_normals(seed, stream):
    j = 0
    while True:
        z0, z1 = normal_pair(seed, stream, j)
        yield z0
        yield z1
        j += 1


def uniform_f32(seed, stream, n, lo, hi):
    lo, hi = to_f32(lo), to_f32(hi)
    out = []
    for i in range(n):
        w = block(seed, stream, i // 4)[i % 4]
        u = (w >> 8) * 2.0 ** -24
        f = to_f32(lo + (hi - lo) * u)
        if f >= hi:
            f = f32_prev(hi)
        out.append(f)
    return out


def uniform_f64(seed, stream, n, lo, hi):
    out = []
    for i in range(n):
        w = block(seed, stream, i // 2)
        u = u53(w[2 * (i % 2)], w[2 * (i % 2) + 1]) * 2.0 ** -53
        v = lo + (hi - lo) * u
        if v >= hi:
            v = math.nextafter(hi, -math.inf)
        out.append(v)
    return out


def normal(seed, stream, n, mean, stddev, f32):
    g = standard_normals(seed, stream)
    out = [mean + stddev * next(g) for _ in range(n)]
    return [to_f32(v) for v in out] if f32 else out


def truncated_normal(seed, stream, n, mean, stddev, f32):
    g = standard_normals(seed, stream)
    out = []
    while len(out) < n:
        z = next(g)
        if abs(z) <= 2.0:
            out.append(mean + stddev * z)
    return [to_f32(v) for v in out] if f32 else out


def cs_double(v):
    return 'BitConverter.Int64BitsToDouble(0x%016X)' % (struct.unpack('<Q', struct.pack('<d', v))[0])


def emit(name, values, f32):
    if f32:
        body = ', '.join('0x%08X' % f32_bits(v) for v in values)
        print(f'    public static readonly uint[] {name} = [{body}];')
    else:
        body = ', '.join('0x%016X' % struct.unpack('<Q', struct.pack('<d', v))[0] for v in values)
        print(f'    public static readonly ulong[] {name} = [{body}];')


if __name__ == '__main__':
    # Philox itself: the Random123 known-answer vectors, then our own counters.
    for ctr, key in [((0, 0, 0, 0), (0, 0)),
                     ((MASK32,) * 4, (MASK32, MASK32)),
                     ((0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344), (0xa4093822, 0x299f31d0))]:
        print('// philox4x32_10', ['%08x' % c for c in ctr], ['%08x' % k for k in key], '->',
              ' '.join('%08x' % w for w in philox4x32_10(ctr, key)))
    print('// block(seed=42, stream=3, index=5) ->', ' '.join('%08x' % w for w in block(42, 3, 5)))
    print('// block(seed=-1, stream=2^40+7, index=2^33+1) ->',
          ' '.join('%08x' % w for w in block(-1, (1 << 40) + 7, (1 << 33) + 1)))
    emit('UniformF32Seed42', uniform_f32(42, 0, 11, 0.0, 1.0), True)
    emit('UniformF32Seed7Range', uniform_f32(7, 0, 9, -3.0, 5.5), True)
    emit('UniformF64Seed42', uniform_f64(42, 0, 7, 0.0, 1.0), False)
    emit('UniformF64Stream2', uniform_f64(1234567890123, 2, 5, -1.0, 2.0), False)
    emit('NormalF64Seed42', normal(42, 0, 9, 0.0, 1.0, False), False)
    emit('NormalF32Seed5', normal(5, 0, 9, 1.5, 0.25, True), True)
    emit('NormalF64Stream1', normal(99, 1, 5, -2.0, 3.0, False), False)
    emit('TruncatedF64Seed3', truncated_normal(3, 0, 40, 0.0, 1.0, False), False)
    emit('TruncatedF32Seed3', truncated_normal(3, 0, 40, 10.0, 2.0, True), True)
    # The first raw normals of seed 3, so a test can see the rejections happen.
    emit('RawNormalsSeed3', normal(3, 0, 44, 0.0, 1.0, False), False)
