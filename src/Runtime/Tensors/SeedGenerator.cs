using System.Security.Cryptography;

namespace Layers;

/// <summary>
/// A seeded source of random streams (Keras' <c>keras.random.SeedGenerator</c>). Every draw made through
/// it — <see cref="Tensor.RandomNormal(Shape, SeedGenerator, double, double, DType)"/> and friends,
/// initializers, <c>Dropout</c> — takes the next stream number, so successive draws differ while the
/// whole sequence is reproducible from the seed. Streams are Philox4x32-10 counter streams, specified
/// bit for bit in <c>docs/random.md</c>; they do not depend on the machine or the .NET version.
/// <para>Thread-safe: concurrent draws each get a distinct stream (which one is then up to the scheduler).</para>
/// </summary>
public sealed class SeedGenerator
{
    private static SeedGenerator s_global = new(EntropySeed());

    private long _state;

    /// <summary>A generator whose draws are a pure function of <paramref name="seed"/>.</summary>
    public SeedGenerator(long seed) => Seed = seed;

    /// <summary>
    /// A generator seeded from the process-wide generator <see cref="Global"/> (as Keras'
    /// <c>SeedGenerator(seed=None)</c>): reproducible after <see cref="SetGlobalSeed"/>, otherwise not.
    /// </summary>
    public SeedGenerator() : this(Global.NextSeed())
    {
    }

    /// <summary>The seed: the Philox key of every stream this generator hands out.</summary>
    public long Seed { get; }

    /// <summary>
    /// How many streams have been drawn; the next draw uses stream number <see cref="State"/>. Save and
    /// restore it to resume a sequence (Keras keeps it as the generator's state variable).
    /// </summary>
    public long State
    {
        get => Interlocked.Read(ref _state);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Interlocked.Exchange(ref _state, value);
        }
    }

    /// <summary>
    /// The process-wide generator that unseeded random calls draw from. Its seed comes from the operating
    /// system's entropy unless <see cref="SetGlobalSeed"/> set it.
    /// </summary>
    public static SeedGenerator Global => Volatile.Read(ref s_global);

    /// <summary>
    /// Replaces <see cref="Global"/> with a generator seeded by <paramref name="seed"/> (Keras'
    /// <c>keras.utils.set_random_seed</c>), making unseeded random calls and unseeded generators reproducible.
    /// </summary>
    public static void SetGlobalSeed(long seed) => Volatile.Write(ref s_global, new SeedGenerator(seed));

    /// <summary>Claims the next stream number.</summary>
    internal ulong NextStream() => (ulong)(Interlocked.Increment(ref _state) - 1);

    /// <summary>A 64-bit seed for a new generator: the first two words of block 0 of the next stream.</summary>
    internal long NextSeed()
    {
        var block = Philox.Compute((ulong)Seed, NextStream(), 0);
        return (long)(((ulong)block.W0 << 32) | block.W1);
    }

    public override string ToString() => $"SeedGenerator(seed={Seed}, state={State})";

    private static long EntropySeed()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToInt64(bytes);
    }
}
