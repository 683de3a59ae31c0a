namespace Layers;

/// <summary>
/// The functional ops on tensors (Keras' <c>keras.ops</c>). Every op validates its arguments, returns a
/// new tensor, and — when a <see cref="GradientTape"/> records and an input is tracked — records its
/// backward rule, which lives next to the forward code in the same file.
/// </summary>
public static partial class Ops
{
    private static void CheckNotNull(Tensor? tensor, string op, string argument)
    {
        if (tensor is null)
            throw new ArgumentNullException(argument, $"{op}: argument '{argument}' is null.");
    }

    /// <summary>Throws unless <paramref name="tensor"/> is float32 or float64.</summary>
    internal static void RequireFloating(Tensor tensor, string op)
    {
        if (!tensor.DType.IsFloating())
            throw new ArgumentException(
                $"{op} needs a floating-point tensor (float32 or float64); got dtype {tensor.DType.Name()} with shape {tensor.Shape}. Cast it with Ops.Cast.");
    }
}
