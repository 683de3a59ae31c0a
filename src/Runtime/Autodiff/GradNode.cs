namespace Layers;

/// <summary>
/// The backward rule of one recorded op: given the gradient of the op's output, it adds the
/// gradient of each input that needs one to <paramref name="inputs"/>.
/// </summary>
internal delegate void BackwardRule(Tensor outputGrad, GradInputs inputs);

/// <summary>One op recorded on a <see cref="GradientTape"/>: its inputs, its output and its backward rule.</summary>
internal sealed class GradNode(GradientTape tape, string opName, Tensor output, Tensor[] inputs, BackwardRule backward)
{
    public GradientTape Tape { get; } = tape;

    public string OpName { get; } = opName;

    /// <summary>Held until backward consumes it, then dropped so intermediates can be freed.</summary>
    public Tensor? Output { get; private set; } = output;

    public Tensor[]? Inputs { get; private set; } = inputs;

    public BackwardRule? Backward { get; private set; } = backward;

    /// <summary>The gradient of the tape's target with respect to <see cref="Output"/>, summed over its uses.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>Drops every reference this node holds, so the tensors it saved can be collected.</summary>
    public void Release()
    {
        Output = null;
        Inputs = null;
        Backward = null;
        Grad = null;
    }
}

/// <summary>What a backward rule sees of the op's inputs: which need a gradient, and where to add it.</summary>
internal readonly ref struct GradInputs
{
    private readonly GradientTape _tape;
    private readonly GradNode _node;

    internal GradInputs(GradientTape tape, GradNode node)
    {
        _tape = tape;
        _node = node;
    }

    /// <summary>True when input <paramref name="index"/> leads to something differentiated, so its gradient is worth computing.</summary>
    public bool Needs(int index) => _tape.IsTracked(_node.Inputs![index]);

    /// <summary>Adds <paramref name="grad"/> to input <paramref name="index"/>'s gradient. Its shape must be the input's shape.</summary>
    public void Add(int index, Tensor grad)
    {
        var input = _node.Inputs![index];
        if (grad.Shape != input.Shape)
            throw new InvalidOperationException(
                $"The backward rule of {_node.OpName} produced a gradient of shape {grad.Shape} for input {index} of shape {input.Shape}.");
        _tape.Accumulate(input, grad);
    }
}
