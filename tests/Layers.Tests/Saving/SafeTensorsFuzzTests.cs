using static Layers.Tests.Saving.SavingSupport;

namespace Layers.Tests.Saving;

/// <summary>
/// Random mutations of valid files (fixed seed, so a failure reproduces): the reader may accept a
/// mutated file or reject it with <see cref="SafeTensorsFormatException"/>, and nothing else — no other
/// exception type, no hang, no crash.
/// </summary>
public class SafeTensorsFuzzTests
{
    private const int Seed = 20240611;
    private const int Mutations = 20000;

    private static byte[][] ValidFiles() =>
    [
        SafeTensors.Serialize(
            [
                Entry("dense/kernel", TensorAssert.Random(1, new Shape(3, 2), DType.Float32)),
                Entry("dense/bias", TensorAssert.Random(2, new Shape(2), DType.Float64)),
                Entry("steps", TensorAssert.Random(3, Shape.Scalar, DType.Int64)),
                Entry("mask", TensorAssert.Random(4, new Shape(5), DType.Bool)),
                Entry("empty", Tensor.Zeros(new Shape(0, 4), DType.Int32)),
            ],
            new Dictionary<string, string> { ["format"] = "layers", ["note"] = "fuzz" }),
        SafeTensors.Serialize([Entry("only", TensorAssert.Random(5, new Shape(2, 2), DType.Int32))]),
        SafeTensors.Serialize([], new Dictionary<string, string> { ["k"] = "v" }),
    ];

    [Fact]
    public void Mutated_files_are_either_read_or_rejected_with_the_format_exception()
    {
        var rng = new Random(Seed);
        var files = ValidFiles();
        int accepted = 0, rejected = 0;
        for (int i = 0; i < Mutations; i++)
        {
            var original = files[rng.Next(files.Length)];
            var mutated = Mutate(original, rng);
            bool ok = TryRead(() => Read(mutated), i, mutated);
            bool okUnseekable = TryRead(() => ReadUnseekable(mutated), i, mutated);
            Assert.True(ok == okUnseekable, $"Mutation {i}: seekable and unseekable reads disagree ({ok} vs {okUnseekable}).");
            if (ok) accepted++;
            else rejected++;
        }
        // The mutations must exercise both outcomes, or the test proves little.
        Assert.True(rejected > Mutations / 2, $"only {rejected} rejected");
        Assert.True(accepted > 50, $"only {accepted} accepted");
    }

    /// <summary>True if read; false if rejected with our exception; anything else fails the test with the input.</summary>
    private static bool TryRead(Func<SafeTensorsFile> read, int index, byte[] input)
    {
        try
        {
            var file = read();
            // An accepted file must be self-consistent: writing it back and reading again gives the same tensors.
            var again = Read(SafeTensors.Serialize(file.Tensors, file.Metadata));
            foreach (var (key, tensor) in file.Tensors) TensorAssert.Identical(tensor, again.Tensors[key]);
            return true;
        }
        catch (SafeTensorsFormatException)
        {
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"Mutation {index} threw {e.GetType().Name}: {e.Message}\nInput: {Convert.ToBase64String(input)}");
            return false;
        }
    }

    private static byte[] Mutate(byte[] original, Random rng)
    {
        var bytes = new List<byte>(original);
        int steps = 1 + rng.Next(3);
        for (int s = 0; s < steps && bytes.Count > 0; s++)
        {
            int at = rng.Next(bytes.Count);
            switch (rng.Next(9))
            {
                case 0: bytes[at] ^= (byte)(1 << rng.Next(8)); break;
                case 1: bytes[at] = (byte)rng.Next(256); break;
                case 2: bytes.Insert(at, (byte)rng.Next(256)); break;
                case 3: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + rng.Next(8))); break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                case 5: bytes[at] = Interesting[rng.Next(Interesting.Length)]; break;
                case 6: ReplaceDigit(bytes, rng); break;
                case 7: bytes[rng.Next(Math.Min(8, bytes.Count))] = (byte)rng.Next(256); break; // the length prefix
                case 8: DuplicateChunk(bytes, at, rng); break;
            }
        }
        return [.. bytes];
    }

    private static void DuplicateChunk(List<byte> bytes, int at, Random rng)
    {
        int from = rng.Next(bytes.Count);
        int length = 1 + rng.Next(Math.Min(16, bytes.Count - from));
        bytes.InsertRange(at, bytes.GetRange(from, length));
    }

    private static readonly byte[] Interesting = "{}[]\",:-0123456789 eE.\\"u8.ToArray().Concat(new byte[] { 0, 0xFF, 0x80, 0xC0 }).ToArray();

    /// <summary>Replaces one ASCII digit in the header with another: shapes and offsets change meaning, not syntax.</summary>
    private static void ReplaceDigit(List<byte> bytes, Random rng)
    {
        var digits = Enumerable.Range(8, Math.Max(0, bytes.Count - 8)).Where(i => bytes[i] is >= (byte)'0' and <= (byte)'9').ToList();
        if (digits.Count == 0) return;
        bytes[digits[rng.Next(digits.Count)]] = (byte)('0' + rng.Next(10));
    }
}
