namespace Layers;

/// <summary>Element type of a <see cref="Tensor"/>. Names follow Keras (<c>float32</c>, <c>int64</c>…).</summary>
public enum DType
{
    Float32,
    Float64,
    Int32,
    Int64,
    Bool,
}

/// <summary>Facts about each <see cref="DType"/> and its Keras name.</summary>
public static class DTypes
{
    /// <summary>Bytes per element.</summary>
    public static int SizeOf(this DType dtype) => dtype switch
    {
        DType.Float32 => 4,
        DType.Float64 => 8,
        DType.Int32 => 4,
        DType.Int64 => 8,
        DType.Bool => 1,
        _ => throw UnknownDType(dtype),
    };

    public static bool IsFloating(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    public static bool IsInteger(this DType dtype) => dtype is DType.Int32 or DType.Int64;

    /// <summary>The Keras / NumPy name: <c>float32</c>, <c>float64</c>, <c>int32</c>, <c>int64</c>, <c>bool</c>.</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Int32 => "int32",
        DType.Int64 => "int64",
        DType.Bool => "bool",
        _ => throw UnknownDType(dtype),
    };

    /// <summary>Parses a Keras dtype name; <c>double</c>/<c>float</c>/<c>int</c> aliases are accepted as NumPy does.</summary>
    public static DType Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryParse(name, out var dtype)
            ? dtype
            : throw new ArgumentException(
                $"Unknown dtype '{name}'. Known dtypes: float32, float64, int32, int64, bool.", nameof(name));
    }

    public static bool TryParse(string? name, out DType dtype)
    {
        switch (name)
        {
            case "float32" or "float": dtype = DType.Float32; return true;
            case "float64" or "double": dtype = DType.Float64; return true;
            case "int32" or "int": dtype = DType.Int32; return true;
            case "int64" or "long": dtype = DType.Int64; return true;
            case "bool": dtype = DType.Bool; return true;
            default: dtype = default; return false;
        }
    }

    /// <summary>The dtype whose CLR element type is <typeparamref name="T"/>.</summary>
    public static DType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(int)) return DType.Int32;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        throw new NotSupportedException(
            $"Element type {typeof(T).Name} has no tensor dtype; use float, double, int, long or bool.");
    }

    /// <summary>The result dtype of a binary op on two dtypes (NumPy promotion restricted to our five types).</summary>
    public static DType Promote(DType a, DType b)
    {
        if (a == b) return a;
        if (a == DType.Float64 || b == DType.Float64) return DType.Float64;
        if (a == DType.Float32 || b == DType.Float32)
        {
            // NumPy promotes int64 + float32 to float64; Keras/TF refuse. We follow Keras 3 (float32 wins),
            // because weights are float32 and labels are integers.
            return DType.Float32;
        }
        if (a == DType.Int64 || b == DType.Int64) return DType.Int64;
        if (a == DType.Int32 || b == DType.Int32) return DType.Int32;
        return DType.Bool;
    }

    private static ArgumentOutOfRangeException UnknownDType(DType dtype) =>
        new(nameof(dtype), dtype, "Not a defined DType value.");
}
