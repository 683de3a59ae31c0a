namespace Layers;

internal static partial class BuiltIns
{
    static partial void RegisterMetrics()
    {
        // Identifiers, each metric named by the identifier used, as Keras' compile names them.
        MetricCatalog.Register(name => new ShapeResolvedAccuracy(name), "accuracy", "acc");
        MetricCatalog.Register(name => new Accuracy(name), "Accuracy");
        MetricCatalog.Register(name => new BinaryAccuracy(name), "binary_accuracy", "BinaryAccuracy");
        MetricCatalog.Register(name => new CategoricalAccuracy(name), "categorical_accuracy", "CategoricalAccuracy");
        MetricCatalog.Register(name => new SparseCategoricalAccuracy(name), "sparse_categorical_accuracy", "SparseCategoricalAccuracy");
        MetricCatalog.Register(name => new MeanSquaredErrorMetric(name), "mse", "MSE", "mean_squared_error", "MeanSquaredError");
        MetricCatalog.Register(name => new MeanAbsoluteErrorMetric(name), "mae", "MAE", "mean_absolute_error", "MeanAbsoluteError");
        MetricCatalog.Register(name => new Precision(name: name), "precision", "Precision");
        MetricCatalog.Register(name => new Recall(name: name), "recall", "Recall");
        MetricCatalog.Register(name => new AUC(name: name), "auc", "AUC");
        MetricCatalog.Register(name => new Mean(name), "mean", "Mean");

        MetricCatalog.RegisterClass("Mean", Mean.FromConfig);
        MetricCatalog.RegisterClass("Accuracy", Accuracy.FromConfig);
        MetricCatalog.RegisterClass("BinaryAccuracy", BinaryAccuracy.FromConfig);
        MetricCatalog.RegisterClass("CategoricalAccuracy", CategoricalAccuracy.FromConfig);
        MetricCatalog.RegisterClass("SparseCategoricalAccuracy", SparseCategoricalAccuracy.FromConfig);
        MetricCatalog.RegisterClass("MeanSquaredError", MeanSquaredErrorMetric.FromConfig);
        MetricCatalog.RegisterClass("MeanAbsoluteError", MeanAbsoluteErrorMetric.FromConfig);
        MetricCatalog.RegisterClass("Precision", Precision.FromConfig);
        MetricCatalog.RegisterClass("Recall", Recall.FromConfig);
        MetricCatalog.RegisterClass("AUC", AUC.FromConfig);
    }
}
