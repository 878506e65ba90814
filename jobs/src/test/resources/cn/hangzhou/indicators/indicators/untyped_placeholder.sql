-- for IndicatorCatalogueTest: a placeholder without its kind
SELECT 1 AS year WHERE scheme = '${scheme}'
