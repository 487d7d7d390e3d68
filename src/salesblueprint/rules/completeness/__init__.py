"""Blueprint completeness (step 3 of mapping a sales process): an action for every lifecycle
stage, the moment marketing hands a lead to sales, and the way back from sales to marketing."""
