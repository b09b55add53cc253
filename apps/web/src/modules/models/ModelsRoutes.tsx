import { Route, Routes } from 'react-router';
import ModelDetailPage from './ModelDetailPage';
import ModelsPage from './ModelsPage';

/** /models and /models/:id. */
export default function ModelsRoutes() {
  return (
    <Routes>
      <Route index element={<ModelsPage />} />
      <Route path=":id" element={<ModelDetailPage />} />
    </Routes>
  );
}
