#include "registry/demo/demodata.h"

namespace ModelDesk::DemoData {

// clang-format off
const std::array<Kind, 12> Kinds{{
    {"xgboost", Family::Trees, "mlflow.xgboost",
     R"("xgboost": {"xgb_version": "2.0.3", "data": "model.xgb", )"
     R"("model_class": "xgboost.sklearn.XGBClassifier", "model_format": "xgb", "code": null})"},
    {"lightgbm", Family::Trees, "mlflow.lightgbm",
     R"("lightgbm": {"lgb_version": "4.3.0", "data": "model.lgb", )"
     R"("model_class": "lightgbm.sklearn.LGBMRegressor", "code": null})"},
    {"random_forest", Family::Trees, "mlflow.sklearn",
     R"("sklearn": {"pickled_model": "model.pkl", "sklearn_version": "1.4.2", )"
     R"("serialization_format": "cloudpickle", "code": null})"},
    {"gradient_boosting", Family::Trees, "mlflow.sklearn",
     R"("sklearn": {"pickled_model": "model.pkl", "sklearn_version": "1.4.2", )"
     R"("serialization_format": "cloudpickle", "code": null})"},
    {"logistic_regression", Family::Linear, "mlflow.sklearn",
     R"("sklearn": {"pickled_model": "model.pkl", "sklearn_version": "1.4.2", )"
     R"("serialization_format": "cloudpickle", "code": null})"},
    {"elastic_net", Family::Linear, "mlflow.sklearn",
     R"("sklearn": {"pickled_model": "model.pkl", "sklearn_version": "1.4.2", )"
     R"("serialization_format": "cloudpickle", "code": null})"},
    {"two_tower", Family::Neural, "mlflow.pytorch",
     R"("pytorch": {"model_data": "data", "pytorch_version": "2.3.0", "code": null})"},
    {"temporal_fusion_transformer", Family::Neural, "mlflow.pytorch",
     R"("pytorch": {"model_data": "data", "pytorch_version": "2.3.0", "code": null})"},
    {"distilbert", Family::Neural, "mlflow.transformers",
     R"("transformers": {"transformers_version": "4.41.2", "code": null, )"
     R"("task": "text-classification", "framework": "pt", )"
     R"("source_model_name": "distilbert-base-multilingual-cased"})"},
    {"xlm_roberta", Family::Neural, "mlflow.transformers",
     R"("transformers": {"transformers_version": "4.41.2", "code": null, )"
     R"("task": "text-classification", "framework": "pt", )"
     R"("source_model_name": "xlm-roberta-base"})"},
    {"prophet", Family::Prophet, "mlflow.prophet",
     R"("prophet": {"prophet_version": "1.1.5", "model_data": "model.pr", "code": null})"},
    {"lightfm", Family::Neural, "mlflow.pyfunc.model", ""},
}};

const MetricSpec LossSpec{"loss", 0.95, 0.16, 0.018, 0.0, 1e9};
const MetricSpec ValidationLossSpec{"val_loss", 0.98, 0.23, 0.022, 0.0, 1e9};

const std::array<Domain, 6> Domains{{
    {"customer-churn", "growth-analytics", "alice", "binary-classification", "Customer churn",
     "Predicts the probability that a subscriber cancels within the next 30 days.", "churn",
     {"churn-predictor", "churn-propensity-xgb", "customer_churn_uplift", "acme.prod.churn_v2"},
     {0, 1, 4},
     {"base+usage", "base+usage+support", "base+onehot"},
     {{{"accuracy", 0.55, 0.90, 0.010, 0.0, 1.0}, {"auc", 0.60, 0.94, 0.008, 0.0, 1.0}}},
     R"({"type": "long", "name": "tenure_months", "required": true}, )"
     R"({"type": "double", "name": "monthly_charges", "required": true}, )"
     R"({"type": "long", "name": "support_calls", "required": true}, )"
     R"({"type": "string", "name": "contract_type", "required": true}, )"
     R"({"type": "long", "name": "churned", "required": true})",
     5, 184000},
    {"fraud-detection", "risk", "chloé", "binary-classification", "Card fraud",
     "Scores card transactions in real time; scores above 0.8 go to manual review.", "fraud",
     {"fraud-detector", "card-fraud-gbm", "risk/aml-transaction-scorer", "chargeback-risk"},
     {1, 0, 2},
     {"txn+merchant", "txn+merchant+device", "txn+graph"},
     {{{"auc", 0.70, 0.97, 0.006, 0.0, 1.0}, {"precision", 0.40, 0.85, 0.015, 0.0, 1.0}}},
     R"({"type": "double", "name": "amount", "required": true}, )"
     R"({"type": "string", "name": "merchant_category", "required": true}, )"
     R"({"type": "long", "name": "hour", "required": true}, )"
     R"({"type": "long", "name": "card_present", "required": true}, )"
     R"({"type": "double", "name": "distance_km", "required": true}, )"
     R"({"type": "long", "name": "is_fraud", "required": true})",
     6, 2450000},
    {"recommendations", "personalization", "dmitri", "ranking", "Product recommendations",
     "Ranks catalogue items for the home page and the \"you may also like\" carousel.", "recs",
     {"product-recommender", "next-best-offer", "similar-items-two-tower", "homepage-ranker"},
     {6, 11, 0},
     {"implicit-30d", "implicit-90d+content", "sessions+content"},
     {{{"ndcg_at_10", 0.12, 0.42, 0.006, 0.0, 1.0}, {"recall_at_20", 0.20, 0.61, 0.008, 0.0, 1.0}}},
     R"({"type": "string", "name": "user_id", "required": true}, )"
     R"({"type": "string", "name": "item_id", "required": true}, )"
     R"({"type": "string", "name": "event", "required": true}, )"
     R"({"type": "long", "name": "timestamp", "required": true})",
     4, 9800000},
    {"demand-forecasting", "supply-chain", "emma", "forecasting", "Demand forecasting",
     "Forecasts daily unit demand per store and SKU for the next 28 days.", "demand",
     {"demand-forecast", "inventory-forecaster", "sales_forecast_weekly", "store-traffic-forecast"},
     {10, 1, 7},
     {"calendar+lags", "calendar+lags+promo", "calendar+lags+promo+weather"},
     {{{"rmse", 48.0, 12.0, 0.9, 0.0, 1e9}, {"mape", 0.35, 0.08, 0.004, 0.0, 10.0}}},
     R"({"type": "long", "name": "store_id", "required": true}, )"
     R"({"type": "string", "name": "sku", "required": true}, )"
     R"({"type": "string", "name": "date", "required": true}, )"
     R"({"type": "long", "name": "on_promo", "required": true}, )"
     R"({"type": "long", "name": "units_sold", "required": true})",
     5, 5200000},
    {"sentiment-analysis", "nlp", "zoë", "text-classification", "Review sentiment",
     "Classifies reviews and support tickets as negative, neutral or positive (12 languages).",
     "reviews",
     {"review-sentiment", "support-ticket-sentiment", "sentiment-multilingual-bert",
      "nps-comment-classifier"},
     {8, 9, 4},
     {"raw-text", "raw-text+metadata", "tfidf-bigrams"},
     {{{"accuracy", 0.60, 0.91, 0.010, 0.0, 1.0}, {"f1", 0.55, 0.89, 0.012, 0.0, 1.0}}},
     R"({"type": "string", "name": "text", "required": true}, )"
     R"({"type": "string", "name": "language", "required": true}, )"
     R"({"type": "long", "name": "label", "required": true})",
     3, 640000},
    {"price-optimization", "pricing", "farid", "regression", "Dynamic pricing",
     "Estimates price elasticity per product family and proposes daily price changes.",
     "pricing",
     {"dynamic-pricing", "price-elasticity", "markdown-optimizer", "quote-win-probability"},
     {3, 5, 1},
     {"price+competitor", "price+competitor+seasonality", "price+inventory"},
     {{{"rmse", 9.5, 2.1, 0.12, 0.0, 1e9}, {"r2", 0.10, 0.83, 0.012, -1.0, 1.0}}},
     R"({"type": "string", "name": "product_family", "required": true}, )"
     R"({"type": "double", "name": "price", "required": true}, )"
     R"({"type": "double", "name": "competitor_price", "required": true}, )"
     R"({"type": "long", "name": "units", "required": true})",
     4, 860000},
}};

// clang-format on

const std::array<const char *, 10> Users {"alice", "bob",   "chloé", "dmitri", "emma",
                                          "farid", "grace", "hiro",  "zoë",    "svc-retrain"};

const std::array<const char *, 16> Adjectives {
    "bold",     "brave",  "capable", "clean", "dapper", "gentle",  "glamorous", "illustrious",
    "luminous", "nimble", "painted", "rogue", "silent", "stately", "unequaled", "whimsical"};
const std::array<const char *, 16> Animals {"owl",    "shrike", "ape",  "bass", "cod",  "crane",
                                            "donkey", "finch",  "gnat", "hare", "lynx", "mole",
                                            "newt",   "ram",    "slug", "wolf"};

const std::array<const char *, 3> DeploymentTargets {"k8s/prod-eu-west-1", "k8s/prod-us-east-1",
                                                     "batch/airflow-nightly"};

const std::array<const char *, 9> TreeLearningRates {"0.01", "0.02", "0.03", "0.05", "0.08",
                                                     "0.1",  "0.15", "0.2",  "0.3"};
const std::array<const char *, 4> NeuralLearningRates {"0.0001", "0.0003", "0.001", "0.003"};

const std::array<PromptVersion, 3> PromptHistory {{
    {"Reply to {{ customer_name }} about ticket {{ ticket_id }}.", "initial"},
    {"Reply politely to {{ customer_name }} about ticket {{ ticket_id }} in {{ language }}.",
     "answer in the customer's language"},
    {"You are a support agent. Reply to {{ customer_name }} about ticket {{ ticket_id }} in "
     "{{ language }}; keep it under 120 words and never promise refunds.",
     "tone and length guard-rails"},
}};

} // namespace ModelDesk::DemoData
