using Layers;

namespace SeedExamples;

/// <summary>Seed: <c>ComputeSum(input_dim)</c>, a non-trainable running sum of its inputs over the batch axis.</summary>
public sealed partial class ComputeSum(int inputDim) : Layer
{
    public int InputDim { get; } = inputDim;

    [Weight(Shape = "InputDim", Initializer = "zeros", Trainable = false)]
    public partial Variable Total { get; }

    protected override Tensor Call(Tensor inputs)
    {
        Total.AssignAdd(Ops.Sum(inputs, axis: 0));
        return Total.Value;
    }
}

/// <summary>Seed (Keras 3 docs): the same with a scalar <c>total</c> updated by <c>total.assign(total + ops.sum(inputs))</c>.</summary>
public sealed partial class ComputeScalarSum : Layer
{
    [Weight(Initializer = "zeros", Trainable = false)]
    public partial Variable Total { get; }

    protected override Tensor Call(Tensor inputs)
    {
        Total.Assign(Total + Ops.Sum(inputs));
        return Total.Value;
    }
}
