namespace Layers;

/// <summary>All zeros (Keras' <c>Zeros</c>).</summary>
public sealed class Zeros : Initializer
{
    public override string ClassName => "Zeros";

    public override Tensor Call(Shape shape, DType dtype) => Tensor.Zeros(shape, dtype);

    public override Config GetConfig() => new(ClassName);
}

/// <summary>All ones (Keras' <c>Ones</c>).</summary>
public sealed class Ones : Initializer
{
    public override string ClassName => "Ones";

    public override Tensor Call(Shape shape, DType dtype) => Tensor.Ones(shape, dtype);

    public override Config GetConfig() => new(ClassName);
}

/// <summary>Every element <see cref="Value"/> (Keras' <c>Constant</c>).</summary>
public sealed class Constant(double value = 0) : Initializer
{
    public double Value { get; } = value;

    public override string ClassName => "Constant";

    public override Tensor Call(Shape shape, DType dtype) => Tensor.Full(shape, Value, dtype);

    public override Config GetConfig() => new Config(ClassName).Set("value", Value);
}
