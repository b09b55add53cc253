import { Route, Routes } from 'react-router';
import BudgetDetailPage from './BudgetDetailPage';
import BudgetsPage from './BudgetsPage';

/** /budgets and /budgets/:id. */
export default function BudgetsRoutes() {
  return (
    <Routes>
      <Route index element={<BudgetsPage />} />
      <Route path=":id" element={<BudgetDetailPage />} />
    </Routes>
  );
}
