using System.Collections.Generic;
using Layers;

namespace Calls;

// training with a default: DefaultTraining follows it.
public sealed partial class Dropout : Layer
{
    protected override Tensor Call(Tensor inputs, bool training = true) => training ? inputs * 0.5 : inputs;
}

// mask bound by name.
public sealed partial class Masked : Layer
{
    private Tensor Call(Tensor inputs, Tensor? mask) => mask is null ? inputs : inputs * mask;
}

// The base class's full overload: tensor, training and mask.
public sealed partial class Full : Layer
{
    protected override Tensor Call(Tensor inputs, bool training, Tensor? mask) => inputs;
}

// Two tensors: a typed Apply(a, b) overload.
public sealed partial class Add : Layer
{
    private Tensor Call(Tensor a, Tensor b) => a + b;
}

// Four tensors, training and mask in any order: Apply packs them with CallArguments.FromParameters.
public sealed partial class Attention : Layer
{
    private Tensor Call(Tensor query, Tensor? mask, Tensor key, bool training, Tensor value, Tensor bias) => query + key + value + bias;
}

// One list of tensors (Keras' merge layers).
public sealed partial class Sum : Layer
{
    protected override Tensor Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        var total = inputs[0];
        for (int i = 1; i < inputs.Count; i++) total += inputs[i];
        return total;
    }
}
