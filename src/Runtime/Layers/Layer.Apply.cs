using System.ComponentModel;

namespace Layers;

public abstract partial class Layer
{
    /// <summary>
    /// Calls the layer (Keras' <c>__call__</c>): casts float inputs to the compute dtype, checks
    /// <see cref="InputSpec"/>, builds from the input shape on the first call, resolves <paramref name="training"/>
    /// (explicit, else the enclosing call's, else the layer's default) and <paramref name="mask"/> (explicit,
    /// else the one the input carries), runs <c>Call</c>, applies the activity regularizer and attaches the
    /// output mask. Thread-safe once built; the first call builds exactly once.
    /// </summary>
    public Tensor Apply(Tensor inputs, bool? training = null, Tensor? mask = null)
    {
        if (inputs is null) throw NullInput();
        return Invoke(new CallArguments(inputs), training, mask);
    }

    /// <summary>Calls a layer that takes a list of tensors (Keras' <c>Add()([a, b])</c>).</summary>
    public Tensor Apply(IReadOnlyList<Tensor> inputs, bool? training = null, Tensor? mask = null)
    {
        if (inputs is null) throw NullInput();
        if (inputs.Count == 0)
            throw new ArgumentException($"Layer '{Name}' ({ClassName}) was called with an empty list of inputs.", nameof(inputs));
        for (int i = 0; i < inputs.Count; i++)
            if (inputs[i] is null)
                throw new ArgumentNullException(nameof(inputs), $"Layer '{Name}' ({ClassName}) was called with a null tensor at list position {i}.");
        return Invoke(CallArguments.FromList(inputs), training, mask);
    }

    /// <summary>The layer's own default for <c>training</c> when neither the caller nor an enclosing call sets it.</summary>
    protected virtual bool DefaultTraining => false;

    /// <summary>
    /// The whole call flow behind every <c>Apply</c> overload; generated multi-input <c>Apply</c>
    /// overloads call it with their tensor parameters.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    protected Tensor Invoke(in CallArguments arguments, bool? training, Tensor? mask)
    {
        var args = Autocast && NeedsCast(arguments) ? arguments.Select(CastToComputeDType) : arguments;
        InputSpec?.Check(args[0], 0, Name);

        var frame = CallContext.Enter(this, training ?? CallContext.Training ?? DefaultTraining);
        try
        {
            if (!_built)
            {
                BuildOnce(ShapesOf(args));
                InputSpec?.Check(args[0], 0, Name);
            }
            if (frame.Depth == 0) ClearLosses();
            var resolvedMask = mask ?? args[0].KerasMask;
            var outputs = Dispatch(args, resolvedMask, CallContext.Training!.Value)
                ?? throw new InvalidOperationException($"Layer '{Name}' ({ClassName}): Call returned null.");
            if (ActivityRegularizer is not null) AddActivityLoss(outputs);
            if (ComputeMask(args[0], resolvedMask) is { } outputMask) outputs.KerasMask = outputMask;
            return outputs;
        }
        finally
        {
            frame.Dispose();
        }
    }

    /// <summary>
    /// Generator hook: calls the user's <c>Call</c> with the arguments it declares. The default serves
    /// hand-written layers through the virtual <c>Call</c> overloads.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual Tensor Dispatch(in CallArguments arguments, Tensor? mask, bool training)
    {
        if (arguments.IsList) return Call(arguments.ToList(), training);
        if (arguments.Count == 1) return Call(arguments[0], training, mask);
        throw new InvalidOperationException(
            $"Layer '{Name}' ({ClassName}) received {arguments.Count} tensor arguments, but it has no Call taking that many. " +
            "Declare Call(Tensor a, Tensor b, …) in a partial layer so the generator can dispatch to it.");
    }

    /// <summary>The computation, when it needs both <c>training</c> and the input mask. By default calls <see cref="Call(Tensor, bool)"/>.</summary>
    protected virtual Tensor Call(Tensor inputs, bool training, Tensor? mask) => Call(inputs, training);

    /// <summary>The computation, when it behaves differently in training (Dropout, BatchNormalization). By default calls <see cref="Call(Tensor)"/>.</summary>
    protected virtual Tensor Call(Tensor inputs, bool training) => Call(inputs);

    /// <summary>The computation (Keras' <c>call</c>). Override one of the <c>Call</c> overloads.</summary>
    protected virtual Tensor Call(Tensor inputs) =>
        throw new NotSupportedException(
            $"Layer '{Name}' ({ClassName}) does not implement Call. Override Call(Tensor inputs) (or the overload with training/mask).");

    /// <summary>The computation of a layer called with a list of tensors. By default calls <see cref="Call(IReadOnlyList{Tensor})"/>.</summary>
    protected virtual Tensor Call(IReadOnlyList<Tensor> inputs, bool training) => Call(inputs);

    /// <summary>The computation of a layer called with a list of tensors (Keras' merge layers).</summary>
    protected virtual Tensor Call(IReadOnlyList<Tensor> inputs) =>
        throw new NotSupportedException(
            $"Layer '{Name}' ({ClassName}) was called with a list of {inputs.Count} tensors but does not implement Call(IReadOnlyList<Tensor>).");

    /// <summary>
    /// The mask of the output given the input and its mask. Layers that change or create masks override
    /// it (and so support masking); by default the input's mask passes through.
    /// </summary>
    public virtual Tensor? ComputeMask(Tensor inputs, Tensor? mask) => mask;

    private bool NeedsCast(in CallArguments arguments)
    {
        for (int i = 0; i < arguments.Count; i++)
        {
            var dtype = arguments[i].DType;
            if (dtype.IsFloating() && dtype != ComputeDType) return true;
        }
        return false;
    }

    private Tensor CastToComputeDType(Tensor tensor) =>
        tensor.DType.IsFloating() && tensor.DType != ComputeDType ? Ops.Cast(tensor, ComputeDType) : tensor;

    private static Shape[] ShapesOf(in CallArguments arguments)
    {
        var shapes = new Shape[arguments.Count];
        for (int i = 0; i < shapes.Length; i++) shapes[i] = arguments[i].Shape;
        return shapes;
    }

    private void AddActivityLoss(Tensor outputs)
    {
        var penalty = ActivityRegularizer!.Compute(outputs);
        int batch = outputs.Rank > 0 ? outputs.Shape[0] : 1;
        AddLoss(batch > 1 ? Ops.Divide(penalty, batch) : penalty);
    }

    private ArgumentNullException NullInput() =>
        new("inputs", $"Layer '{Name}' ({ClassName}) was called with null inputs.");
}
