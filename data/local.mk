dist_pkgdata_DATA += %D%/ai-pilot-zones.xml %D%/zonegraph.rng
