using Layers;

namespace SeedExamples;

// The seed's ComputeSum: one non-trainable weight, known at construction, updated in Call.
public sealed partial class ComputeSum(int inputDim) : Layer
{
    public int InputDim { get; } = inputDim;

    [Weight(Shape = "InputDim", Initializer = "zeros", Trainable = false)]
    public partial Variable Total { get; }

    protected override Tensor Call(Tensor inputs)
    {
        Total.AssignAdd(inputs);
        return Total.Value;
    }
}
