using System.Runtime.CompilerServices;

namespace Layers;

/// <summary>
/// Philox4x32-10 (Salmon, Moraes, Dror, Shaw: "Parallel random numbers: as easy as 1, 2, 3", SC 2011):
/// a counter-based generator, so block <c>i</c> of any stream is computed directly, with no state to
/// advance. The exact stream layout built on it is specified in <c>docs/random.md</c>.
/// </summary>
internal static class Philox
{
    private const uint M0 = 0xD2511F53;
    private const uint M1 = 0xCD9E8D57;
    private const uint W0 = 0x9E3779B9;
    private const uint W1 = 0xBB67AE85;

    /// <summary>One 128-bit output block of Philox4x32-10 for a 128-bit counter and a 64-bit key.</summary>
    public static Block Compute(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (int round = 0; round < 10; round++)
        {
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0;
            uint hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        return new Block(c0, c1, c2, c3);
    }

    /// <summary>Block <paramref name="index"/> of stream <paramref name="stream"/> under <paramref name="seed"/> (the layout in docs/random.md).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Block Compute(ulong seed, ulong stream, ulong index) =>
        Compute((uint)index, (uint)(index >> 32), (uint)stream, (uint)(stream >> 32), (uint)seed, (uint)(seed >> 32));

    /// <summary>Four 32-bit output words.</summary>
    internal readonly record struct Block(uint W0, uint W1, uint W2, uint W3)
    {
        public uint this[int word] => word switch { 0 => W0, 1 => W1, 2 => W2, _ => W3 };

        /// <summary>The top 53 bits of the 64-bit number whose high word is <c>W0</c> (first) or <c>W2</c> (second).</summary>
        public ulong Bits53(int pair) => pair == 0
            ? (((ulong)W0 << 32) | W1) >> 11
            : (((ulong)W2 << 32) | W3) >> 11;
    }
}
