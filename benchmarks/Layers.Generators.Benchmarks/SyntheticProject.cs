using System.Text;

namespace Layers.Generators.Benchmarks;

/// <summary>
/// A project of generated layers shaped like real models: dense-like layers with weights and constructor
/// arguments, blocks composing earlier layers, multi-input layers and call-only layers, one file each.
/// </summary>
internal static class SyntheticProject
{
    public static List<(string Path, string Text)> Create(int layers)
    {
        var files = new List<(string, string)>(layers);
        for (int i = 0; i < layers; i++)
            files.Add(($"Layers/Layer{i:D4}.cs", Source(i, attributeVariant: 0)));
        return files;
    }

    /// <summary>The source of layer <paramref name="index"/>; the variant changes one weight attribute (an edit).</summary>
    public static string Source(int index, int attributeVariant)
    {
        string initializer = attributeVariant % 2 == 0 ? "glorot_uniform" : "he_normal";
        var text = new StringBuilder();
        text.AppendLine("using System.Collections.Generic;");
        text.AppendLine("using Layers;");
        text.AppendLine();
        text.AppendLine($"namespace Synthetic.Group{index % 10};");
        text.AppendLine();
        switch (index % 4)
        {
            case 0:
                text.AppendLine($$"""
                    public sealed partial class Dense{{index}}(int units, float rate = 0.1f, Initializer? kernelInitializer = null) : Layer
                    {
                        public int Units { get; } = units;
                        public float Rate { get; } = rate;
                        public Initializer KernelInitializer { get; } = kernelInitializer ?? Initializers.Get("zeros");

                        [Weight(Shape = "inputs[-1], Units", Initializer = nameof(KernelInitializer), Regularizer = "l2")]
                        public partial Variable Kernel { get; }

                        [Weight(Shape = "Units", Initializer = "{{initializer}}")]
                        public partial Variable Bias { get; }

                        protected override Tensor Call(Tensor inputs) => inputs * Kernel + Bias * Rate;
                    }
                    """);
                break;
            case 1:
                text.AppendLine($$"""
                    public sealed partial class Block{{index}} : Layer
                    {
                        [SubLayer] private readonly Synthetic.Group{{(index - 1) % 10}}.Dense{{index - 1}} _first = new(8);
                        [SubLayer] private readonly List<Synthetic.Group{{(index - 1) % 10}}.Dense{{index - 1}}> _rest = [new(8), new(4)];

                        [Weight(Shape = "x[-1]", Initializer = "{{initializer}}", Trainable = false)]
                        public partial Variable Scale { get; }

                        protected override Tensor Call(Tensor x, bool training = false) => _first.Apply(x) * Scale;
                    }
                    """);
                break;
            case 2:
                text.AppendLine($$"""
                    public sealed partial class Merge{{index}}(int heads, int keyDim) : Layer
                    {
                        public int Heads { get; } = heads;
                        public int KeyDim { get; } = keyDim;

                        [Weight(Shape = "query[-1], Heads * KeyDim", Initializer = "{{initializer}}")]
                        public partial Variable QueryKernel { get; }

                        [Weight(Shape = "value[-1], (Heads + 1) * KeyDim / 2")]
                        public partial Variable ValueKernel { get; }

                        private Tensor Call(Tensor query, Tensor value, Tensor? mask) => query * QueryKernel + value;
                    }
                    """);
                break;
            default:
                text.AppendLine($$"""
                    public sealed partial class Activity{{index}}(float rate = 0.01f, string mode = "{{initializer}}") : Layer
                    {
                        public float Rate { get; } = rate;
                        public string Mode { get; } = mode;

                        protected override Tensor Call(Tensor inputs)
                        {
                            AddLoss(inputs * Rate);
                            return inputs;
                        }
                    }
                    """);
                break;
        }
        return text.ToString();
    }
}
